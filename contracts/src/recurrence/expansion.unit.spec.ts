import { describe, expect, it } from '@jest/globals';
import { Expansion, ExpansionLimitReached, type ExpansionLimits } from './expansion.ts';
import { readRuleParts } from './rule-parts.ts';

/** A clock that never moves: these tests are about steps, not about this machine's speed. */
const STEPS_ONLY: ExpansionLimits = { maxSteps: 100_000 };

/** given a rule starting at a floating wall-clock time, when expanded, then … */
function given(rule: string, start: string, options: { until?: string; limits?: ExpansionLimits } = {}) {
  const expansion = new Expansion(
    {
      parts: readRuleParts(rule),
      start: new Date(`${start}Z`),
      until: options.until ? new Date(`${options.until}Z`) : null,
    },
    options.limits ?? STEPS_ONLY,
  );
  const first = (n: number) => {
    const out: string[] = [];
    for (const at of expansion.after(new Date(new Date(`${start}Z`).getTime() - 1))) {
      out.push(at.toISOString().slice(0, 16));
      if (out.length === n) break;
    }
    return out;
  };
  return {
    expansion,
    thenTheFirstAre(expected: string[]) {
      expect(first(expected.length)).toEqual(expected);
    },
    thenThereAreNone() {
      expect(first(1)).toEqual([]);
    },
    thenItGivesUp() {
      let caught: unknown;
      try {
        first(1);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ExpansionLimitReached);
    },
  };
}

describe('bounded RFC 5545 expansion', () => {
  describe('the examples of RFC 5545 §3.8.5.3', () => {
    it('every Friday the 13th', () =>
      given('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '1997-09-02T09:00').thenTheFirstAre([
        '1998-02-13T09:00',
        '1998-03-13T09:00',
        '1998-11-13T09:00',
        '1999-08-13T09:00',
        '2000-10-13T09:00',
      ]));

    it('the last work day of the month', () =>
      given('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '1997-09-29T09:00').thenTheFirstAre([
        '1997-09-30T09:00',
        '1997-10-31T09:00',
        '1997-11-28T09:00',
        '1997-12-31T09:00',
      ]));

    it('the third of Tuesday, Wednesday or Thursday in the month', () =>
      given('FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', '1997-09-04T09:00').thenTheFirstAre([
        '1997-09-04T09:00',
        '1997-10-07T09:00',
        '1997-11-06T09:00',
      ]));

    it('Monday of week number 20', () =>
      given('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', '1997-05-12T09:00').thenTheFirstAre([
        '1997-05-12T09:00',
        '1998-05-11T09:00',
        '1999-05-17T09:00',
      ]));

    it('every 20th Monday of the year', () =>
      given('FREQ=YEARLY;BYDAY=20MO', '1997-05-19T09:00').thenTheFirstAre([
        '1997-05-19T09:00',
        '1998-05-18T09:00',
        '1999-05-17T09:00',
      ]));

    it('U.S. Presidential Election day', () =>
      given(
        'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
        '1996-11-05T09:00',
      ).thenTheFirstAre(['1996-11-05T09:00', '2000-11-07T09:00', '2004-11-02T09:00']));

    it('every other week on Tuesday and Thursday, weeks starting on Sunday', () =>
      given('FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,TH', '1997-09-02T09:00').thenTheFirstAre([
        '1997-09-02T09:00',
        '1997-09-04T09:00',
        '1997-09-16T09:00',
        '1997-09-18T09:00',
      ]));

    it('every 3 hours from 09:00', () =>
      given('FREQ=HOURLY;INTERVAL=3', '1997-09-02T09:00').thenTheFirstAre([
        '1997-09-02T09:00',
        '1997-09-02T12:00',
        '1997-09-02T15:00',
      ]));
  });

  describe('defaults from the start', () => {
    it('a monthly rule started on the 31st skips shorter months', () =>
      given('FREQ=MONTHLY', '2026-01-31T09:00').thenTheFirstAre([
        '2026-01-31T09:00',
        '2026-03-31T09:00',
        '2026-05-31T09:00',
      ]));

    it('a yearly rule started on 29 February repeats in leap years only', () =>
      given('FREQ=YEARLY', '2028-02-29T09:00').thenTheFirstAre(['2028-02-29T09:00', '2032-02-29T09:00']));

    it('BYDAY positions count within the month when BYMONTH is given', () =>
      given('FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', '2026-01-01T12:00').thenTheFirstAre([
        '2026-11-26T12:00',
        '2027-11-25T12:00',
      ]));
  });

  describe('rules that never match', () => {
    it('stop at UNTIL even when nothing before it matched', () =>
      given('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', '2026-12-01T09:00', {
        until: '2036-12-01T09:00',
      }).thenThereAreNone());

    it('without UNTIL, give up once the steps are spent instead of walking to year 9999', () =>
      given('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', '2026-12-01T09:00').thenItGivesUp());

    it('an hourly rule whose interval never reaches BYHOUR gives up too', () =>
      given('FREQ=HOURLY;INTERVAL=24;BYHOUR=5', '2026-12-01T03:00').thenItGivesUp());

    it('ends at year 9999 (RFC 5545 has no later dates)', () =>
      given('FREQ=YEARLY;INTERVAL=1000', '9000-01-01T00:00').thenTheFirstAre(['9000-01-01T00:00']));
  });

  it('one search shares one budget across its generators', () => {
    const { expansion } = given('FREQ=DAILY', '2026-01-01T09:00');
    const first = expansion.after(new Date('2026-01-01T00:00Z')).next();
    const second = expansion.after(new Date('2026-06-01T00:00Z')).next();
    expect([first.value?.toISOString(), second.value?.toISOString()]).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
    ]);
    expect(expansion.spent).toBeGreaterThan(0);
    expect(expansion.spent).toBeLessThan(20);
  });
});
