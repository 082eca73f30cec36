import { describe, expect, it } from '@jest/globals';
import { TASK_CREATED, toTaskEvent } from '../events.ts';
import { taskCreatedData } from '../testing/fixtures.ts';
import { occurrenceProblem } from './occurs-within.ts';

/** given a rule, when it is validated (alone, or from a start), then … */
const givenRule = (rule: string) => ({
  thenItIsRefusedBecause(reason: RegExp) {
    expect(occurrenceProblem(rule, null)).toMatch(reason);
  },
  thenItIsAccepted() {
    expect(occurrenceProblem(rule, null)).toBeNull();
  },
  startingAt(floating: string) {
    const problem = () => occurrenceProblem(rule, new Date(`${floating}Z`));
    return {
      thenItIsRefusedBecause(reason: RegExp) {
        expect(problem()).toMatch(reason);
      },
      thenItIsAccepted() {
        expect(problem()).toBeNull();
      },
    };
  },
});

describe('a rule that can never occur is refused, whatever its start (a static check)', () => {
  it('31 February (the repro of issue 10)', () =>
    givenRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31').thenItIsRefusedBecause(
      /never occurs: no date has BYMONTH and BYMONTHDAY/,
    ));

  it('30 or 31 February, hourly with every hour and minute listed', () =>
    givenRule(
      `FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30,31;BYHOUR=${[...Array(24).keys()].join(',')};BYMINUTE=${[...Array(60).keys()].join(',')}`,
    ).thenItIsRefusedBecause(/never occurs/));

  it('week 53 in June', () =>
    givenRule('FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6').thenItIsRefusedBecause(/BYMONTH and BYWEEKNO/));

  it('day 200 of the year in January', () =>
    givenRule('FREQ=YEARLY;BYYEARDAY=200;BYMONTH=1').thenItIsRefusedBecause(/BYMONTH and BYYEARDAY/));

  it('a Friday that is the 1st and the 8th of the month at once', () =>
    givenRule('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=1;BYYEARDAY=8').thenItIsRefusedBecause(/never occurs/));

  it('a 6th Monday of the month', () => givenRule('FREQ=MONTHLY;BYDAY=6MO').thenItIsRefusedBecause(/BYDAY/));

  it('BYSETPOS past what a period can hold', () =>
    givenRule('FREQ=YEARLY;BYMONTH=1;BYSETPOS=366').thenItIsRefusedBecause(/BYSETPOS picks past the 31/));

  it('but not week 53 in January, 29 February, the 5th Friday or the last day of the year', () => {
    givenRule('FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1').thenItIsAccepted();
    givenRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29').thenItIsAccepted();
    givenRule('FREQ=MONTHLY;BYDAY=5FR').thenItIsAccepted();
    givenRule('FREQ=YEARLY;BYYEARDAY=-1;BYMONTH=12;BYMONTHDAY=31').thenItIsAccepted();
  });
});

describe('a rule must occur within ten years of its start', () => {
  it('yearly in February takes its day from the start: from 30 January it never occurs', () =>
    givenRule('FREQ=YEARLY;BYMONTH=2')
      .startingAt('2026-01-30T09:00')
      .thenItIsRefusedBecause(/no occurrence in the 10 years after its start/));

  it('every 24 hours from 03:00 never reaches 05:00', () =>
    givenRule('FREQ=HOURLY;INTERVAL=24;BYHOUR=5')
      .startingAt('2026-12-01T03:00')
      .thenItIsRefusedBecause(/no occurrence in the 10 years/));

  it('every 4 years on 29 February, from a year that is not a leap year by 4', () =>
    givenRule('FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29')
      .startingAt('2026-12-01T09:00')
      .thenItIsRefusedBecause(/no occurrence/));

  it('29 February on a Monday (next in 2044) is too rare', () =>
    givenRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO')
      .startingAt('2026-12-01T09:00')
      .thenItIsRefusedBecause(/no occurrence in the 10 years/));

  it('an interval of 9999 years has no second occurrence', () =>
    givenRule('FREQ=YEARLY;INTERVAL=9999')
      .startingAt('2026-12-01T09:00')
      .thenItIsRefusedBecause(/no occurrence/));

  it('COUNT and UNTIL end a series but do not make a rule that never matches', () => {
    givenRule('FREQ=DAILY;COUNT=1').startingAt('2026-12-01T09:00').thenItIsAccepted();
    givenRule('FREQ=DAILY;UNTIL=20200101').startingAt('2026-12-01T09:00').thenItIsAccepted();
  });

  it('29 February from a leap year, every weekday, the last Friday are accepted', () => {
    givenRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29').startingAt('2026-12-01T09:00').thenItIsAccepted();
    givenRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR').startingAt('2026-12-01T09:00').thenItIsAccepted();
    givenRule('FREQ=MONTHLY;BYDAY=-1FR').startingAt('2026-12-01T09:00').thenItIsAccepted();
  });
});

describe('an event written before rules were checked for occurring', () => {
  it('still loads: the check is made when a rule is set, not when it is read', () => {
    const event = toTaskEvent({
      type: TASK_CREATED,
      data: taskCreatedData({
        title: 'old',
        dueAt: '2026-12-01T09:00:00.000Z',
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', anchor: 'schedule' },
      }),
    });
    expect(event?.type).toBe(TASK_CREATED);
  });
});
