import { describe, expect, it } from '@jest/globals';
import { describeRecurrence, describeRule, ordinal, ruleLabel, type DescribeOptions } from './describe.ts';

/** given a rule (and what is known of the task), when it is put in words, then … */
const givenRule = (rule: string, options: DescribeOptions = {}) => ({
  thenItReads: (words: string) => expect(describeRule(rule, options)).toBe(words),
});

describe('a rule as the SPA labels it', () => {
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
    // Decided where the SPA ("Every week on Monday") and the chat ("every Monday") differed.
    ['FREQ=WEEKLY;BYDAY=MO;COUNT=10', 'Every Monday, 10 times'],
    ['FREQ=DAILY;UNTIL=20261231T235959Z', 'Every day, until December 31, 2026'],
    ['RRULE:FREQ=MONTHLY;INTERVAL=3', 'Every 3 months'],
  ])('%s reads "%s"', (rule, words) => {
    expect(ruleLabel(rule)).toBe(words);
  });

  // Decided where the SPA (", counted from completion") and the chat (" after completion")
  // differed: the chat's words, which the language engine reads back into the same rule.
  it('says when the next one is counted from completion', () => {
    expect(ruleLabel('FREQ=MONTHLY;INTERVAL=3', { anchor: 'completion' })).toBe(
      'Every 3 months after completion',
    );
  });

  it('falls back to the rule text when it has no known frequency', () => {
    expect(ruleLabel('BYDAY=MO')).toBe('BYDAY=MO');
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

// Where the SPA's words and the chat's words differed, the one wording both now share.
describe('the rules of the one wording', () => {
  it('given a position from the end, then it is counted from the last (the chat said "-2th")', () =>
    givenRule('FREQ=MONTHLY;BYMONTHDAY=-2').thenItReads('every month on the 2nd to last day'));

  it('given 111 or 112, then the hundreds do not change the suffix (the chat said "111st")', () =>
    expect([111, 112, 113, 101, 366].map(ordinal)).toEqual(['111th', '112th', '113th', '101st', '366th']));

  it('given COUNT=1, then it happens "once" (the chat said "1 time")', () =>
    givenRule('FREQ=DAILY;COUNT=1').thenItReads('every day, once'));

  it('given a UTC UNTIL and the task zone, then it ends on the date of that zone, months in full', () => {
    givenRule('FREQ=DAILY;UNTIL=20270101T045959Z', { timezone: 'America/New_York' }).thenItReads(
      'every day, until December 31, 2026',
    );
    givenRule('FREQ=DAILY;UNTIL=20261231T225959Z', { timezone: 'Europe/Paris' }).thenItReads(
      'every day, until December 31, 2026',
    );
  });

  it('given a date-only UNTIL, then it is the local date as written, in any zone (the chat moved it back a day west of UTC)', () =>
    givenRule('FREQ=DAILY;UNTIL=20261231', { timezone: 'America/New_York' }).thenItReads(
      'every day, until December 31, 2026',
    ));

  it('given several positions of one weekday, then the weekday is named once (the SPA repeated it)', () =>
    givenRule('FREQ=MONTHLY;BYDAY=1MO,3MO').thenItReads('every month on the 1st and 3rd Monday'));

  it('given a daily rule limited to working days, then it is every weekday (the chat said "every day")', () =>
    givenRule('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR').thenItReads('every weekday'));

  it('given the due time, then it is said, unless the rule fixes its own hour (the chat ignored BYHOUR)', () => {
    givenRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', { time: { hour: 9, minute: 0 } }).thenItReads(
      'every weekday at 09:00',
    );
    givenRule('FREQ=DAILY;BYHOUR=7;BYMINUTE=30', { time: { hour: 9, minute: 0 } }).thenItReads(
      'every day at 07:30',
    );
    givenRule('FREQ=HOURLY;INTERVAL=2', { time: { hour: 9, minute: 0 } }).thenItReads('every 2 hours');
  });

  it('given BYSETPOS over the working days, then it is "the last weekday"', () =>
    givenRule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1').thenItReads(
      'every month on the last weekday',
    ));

  it('given several hours (several times a day), then each time is said, the due time not', () => {
    givenRule('FREQ=DAILY;BYHOUR=7,19', { time: { hour: 19, minute: 0 } }).thenItReads(
      'every day at 07:00 and 19:00',
    );
    givenRule('FREQ=DAILY;BYHOUR=8,14,20;BYMINUTE=30').thenItReads('every day at 08:30, 14:30 and 20:30');
  });

  it('given BYSETPOS in a daily rule, then it picks among the times, not the days', () => {
    givenRule('FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3').thenItReads(
      'every day at 07:30 and 19:00',
    );
    givenRule('FREQ=DAILY;BYDAY=MO;BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3').thenItReads(
      'every Monday at 07:30 and 19:00',
    );
  });

  it('given BYSETPOS over the day-and-time pairs of a week, then each day is said with its own times', () => {
    givenRule('FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=1,4').thenItReads(
      'every Monday at 09:00 and Friday at 17:00',
    );
    givenRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=1,4').thenItReads(
      'every 2 weeks on Monday at 09:00 and Friday at 17:00',
    );
  });

  it('given several positions among the working days, then they are said first to last', () =>
    givenRule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1,15').thenItReads(
      'every month on the 15th and last weekday',
    ));

  it('given several months, then each is named', () =>
    givenRule('FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1').thenItReads('every year on January and July 1'));

  it('given the anchor and an end, then they follow in that order', () =>
    givenRule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231', { anchor: 'completion' }).thenItReads(
      'every Monday after completion, until December 31, 2026',
    ));

  it('given a rule that is not valid, then there are no words, and each caller says so its own way', () => {
    expect(describeRule('FREQ=DAILY;DTSTART=20260101')).toBeNull();
    expect(describeRecurrence('FREQ=DAILY;DTSTART=20260101', 'schedule')).toBe(
      'repeating (FREQ=DAILY;DTSTART=20260101)',
    );
    expect(ruleLabel('FREQ=SECONDLY')).toBe('FREQ=SECONDLY');
  });
});
