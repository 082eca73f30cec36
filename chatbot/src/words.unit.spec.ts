import { describe, expect, it } from '@jest/globals';
import { describeRecurrence } from '@todo/nl';
import { chooseCandidate } from './choose.ts';
import { detailsInWords, filterInWords } from './words.ts';

const paris = { timezone: 'Europe/Paris' };

describe('recurrence in words', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', { hour: 9, minute: 0 }, 'every weekday at 09:00'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', null, 'every weekend'],
    ['FREQ=DAILY;INTERVAL=3', null, 'every 3 days'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', null, 'every 2 weeks on Monday and Thursday'],
    ['FREQ=MONTHLY;BYDAY=-1FR', null, 'every month on the last Friday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', null, 'every month on the 1st'],
    ['FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5', null, 'every year on June 5'],
    ['FREQ=DAILY;COUNT=10', null, 'every day, 10 times'],
    ['FREQ=DAILY;UNTIL=20261231T225959Z', null, 'every day, until December 31, 2026'],
  ])('%s → "%s"', (rrule, time, words) =>
    expect(describeRecurrence(rrule, 'schedule', { ...paris, time })).toBe(words),
  );

  it('says when the schedule counts from completion', () =>
    expect(describeRecurrence('FREQ=MONTHLY;INTERVAL=3', 'completion', paris)).toBe(
      'every 3 months after completion',
    ));
});

describe('task details in words', () => {
  it('names the due time in the user zone, priority, tags and reminders', () =>
    expect(
      detailsInWords(
        {
          dueAt: '2026-11-27T16:00:00.000Z',
          allDay: false,
          priority: 'high',
          tags: ['home'],
          reminders: [{ minutesBefore: 30 }, { minutesBefore: 1440 }],
        },
        'Europe/Paris',
      ),
    ).toBe(
      'due Fri, Nov 27 at 17:00, high priority, @home, a reminder 30 minutes before, a reminder 1 day before',
    ));

  it('words a list question', () =>
    expect(filterInWords({ status: 'open', due: 'today', tag: 'work', priority: 'high' })).toBe(
      'high-priority open tasks due today tagged @work',
    ));
});

describe('answering "which one did you mean?"', () => {
  const titles = ['Write report', 'Review report', 'Report taxes'];
  it.each([
    ['2', 1],
    ['#3', 2],
    ['the second one', 1],
    ['last', 2],
    ['review', 1],
    ['Write report', 0],
    ['cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['report', null],
    ['7', null],
    ['buy milk tomorrow', null],
  ])('"%s" → %s', (answer, expected) => expect(chooseCandidate(answer, titles)).toBe(expected));
});

describe('list questions in words', () => {
  it.each([
    [{ status: 'completed', due: 'this_week' }, 'tasks completed this week'],
    [{ status: 'completed' }, 'completed tasks'],
    [{ status: 'open', due: 'overdue' }, 'open tasks overdue'],
    [{ status: 'all', tag: 'home' }, 'tasks tagged @home'],
  ] as const)('%j → "%s"', (filter, words) => expect(filterInWords(filter)).toBe(words));
});
