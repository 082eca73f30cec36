import { describe, expect, it } from '@jest/globals';
import { describeRrule, ordinal } from './describe.ts';

describe('describeRrule', () => {
  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=DAILY;INTERVAL=3', 'Every 3 days'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'Every 2 weeks on Monday and Thursday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', 'Every weekend'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'Every month on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Every month on the 15th'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
    ['FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5', 'Every year on June 5'],
    ['FREQ=WEEKLY;BYDAY=MO;COUNT=10', 'Every week on Monday, 10 times'],
    ['FREQ=DAILY;UNTIL=20261231T235959Z', 'Every day, until December 31, 2026'],
    ['RRULE:FREQ=MONTHLY;INTERVAL=3', 'Every 3 months'],
  ])('%s reads "%s"', (rule, words) => {
    expect(describeRrule(rule)).toBe(words);
  });

  it('says when the next one is counted from completion', () => {
    expect(describeRrule('FREQ=MONTHLY;INTERVAL=3', 'completion')).toBe(
      'Every 3 months, counted from completion',
    );
  });

  it('falls back to the rule text when it has no known frequency', () => {
    expect(describeRrule('BYDAY=MO')).toBe('BYDAY=MO');
  });

  it('makes English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, -1].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      'last',
    ]);
  });
});
