import { describe, expect, it } from '@jest/globals';
import { formatRule, ruleFields, withRuleFields } from './rule-text.ts';
import { untilOnWallClock } from './until.ts';

describe('a rule as text', () => {
  it('given a spec, when written, then its parts come in one order and defaults are left out', () =>
    expect(
      formatRule({
        freq: 'YEARLY',
        interval: 1,
        byDay: [{ weekday: 'FR', nth: -1 }],
        byMonthDay: [5],
        byMonth: [6],
        count: 3,
      }),
    ).toBe('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5;BYDAY=-1FR;COUNT=3'));

  it('given a rule in any case with a prefix, when read, then its fields are upper case and in order', () =>
    expect([...ruleFields(' RRULE:freq=weekly;byday=mo,th ')]).toEqual([
      ['FREQ', 'WEEKLY'],
      ['BYDAY', 'MO,TH'],
    ]));

  it('given a field it has and one it lacks, when set, then the first keeps its place and the second goes last', () =>
    expect(withRuleFields('FREQ=DAILY;COUNT=5;INTERVAL=2', { COUNT: '4', BYHOUR: '9' })).toBe(
      'FREQ=DAILY;COUNT=4;INTERVAL=2;BYHOUR=9',
    ));
});

describe('UNTIL on the task wall clock (floating time)', () => {
  it('given a UTC instant, then it is the wall clock of the zone at that instant', () =>
    expect(untilOnWallClock('20261231T225959Z', 'Europe/Paris').toISOString()).toBe(
      '2026-12-31T23:59:59.000Z',
    ));

  it('given a date, then it is the end of that local day', () =>
    expect(untilOnWallClock('20261231', 'Asia/Tokyo').toISOString()).toBe('2026-12-31T23:59:59.999Z'));

  it('given a floating date-time, then it is local already', () =>
    expect(untilOnWallClock('20261231T080000', 'America/New_York').toISOString()).toBe(
      '2026-12-31T08:00:00.000Z',
    ));
});
