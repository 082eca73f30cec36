import { describe, expect, it } from '@jest/globals';
import type { ParseResult } from '@todo/contracts';
import { chipsOf } from './chips';
import { segmentsOf } from './highlight';

const text = 'Pay rent every month on the 1st p1 @home';

describe('segmentsOf', () => {
  it('cuts the text into plain and understood pieces', () => {
    const segments = segmentsOf(text, [
      { field: 'tags', start: 35, end: 40, text: '@home' },
      { field: 'recurrence', start: 9, end: 31, text: 'every month on the 1st' },
      { field: 'priority', start: 32, end: 34, text: 'p1' },
    ]);
    expect(segments).toEqual([
      { text: 'Pay rent ', field: null },
      { text: 'every month on the 1st', field: 'recurrence' },
      { text: ' ', field: null },
      { text: 'p1', field: 'priority' },
      { text: ' ', field: null },
      { text: '@home', field: 'tags' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('drops overlapping spans and spans past the end of a text that changed since', () => {
    expect(
      segmentsOf('abc def', [
        { field: 'dueAt', start: 0, end: 3, text: 'abc' },
        { field: 'tags', start: 2, end: 5, text: 'c d' },
        { field: 'priority', start: 5, end: 30, text: 'x' },
      ]),
    ).toEqual([
      { text: 'abc', field: 'dueAt' },
      { text: ' def', field: null },
    ]);
  });
});

describe('chipsOf', () => {
  it('lists due, repeat, priority, tags and reminders in words', () => {
    const result: ParseResult = {
      text,
      intent: 'create_task',
      task: {
        title: 'Pay rent',
        dueAt: '2026-12-01T00:00:00+00:00',
        allDay: true,
        priority: 'high',
        tags: ['home'],
        recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
        reminders: [{ minutesBefore: 30 }],
      },
      spans: [],
      now: '2026-11-26T07:00:00Z',
      timezone: 'UTC',
    };
    expect(chipsOf(result, Date.parse('2026-11-26T07:00:00Z')).map((c) => c.label)).toEqual([
      'Due Tue 1 Dec',
      'Every month on the 1st',
      'Priority high',
      '@home',
      'Reminder 30 min before',
    ]);
  });

  it('says several times a day and a bounded run on the repeat chip (Todoist forms)', () => {
    const result: ParseResult = {
      text: 'Take pills every day at 7am and 7pm for 2 weeks',
      intent: 'create_task',
      task: {
        title: 'Take pills',
        dueAt: '2026-11-26T19:00:00+00:00',
        allDay: false,
        recurrence: { rrule: 'FREQ=DAILY;BYHOUR=7,19;COUNT=28', anchor: 'schedule' },
      },
      spans: [],
      now: '2026-11-26T07:00:00Z',
      timezone: 'UTC',
    };
    expect(chipsOf(result, Date.parse('2026-11-26T07:00:00Z')).map((c) => c.label)).toEqual([
      'Due Today 19:00',
      'Every day at 07:00 and 19:00, 28 times',
    ]);
  });

  it('has no chips when nothing but a title was understood', () => {
    const result: ParseResult = {
      text: 'x',
      intent: 'create_task',
      task: { title: 'x' },
      spans: [],
      now: '',
      timezone: 'UTC',
    };
    expect(chipsOf(result, Date.parse('2026-11-26T07:00:00Z'))).toEqual([]);
  });
});
