import { describe, expect, it } from '@jest/globals';
import type { ParseResult } from './nl.ts';
import { createBodyFromParse } from './nl-create-body.ts';

const reading = (task: ParseResult['task'], timezone = 'Europe/Paris'): ParseResult => ({
  text: 'ignored',
  intent: 'create_task',
  task,
  spans: [],
  now: '2030-03-04T08:00:00.000Z',
  timezone,
});

describe('the create body of what the NL engine understood', () => {
  it('given a reading with every field, when turned into a body, then each field is sent in the reading’s zone', () => {
    const task = {
      title: ' Pay rent ',
      dueAt: '2030-03-05T09:00:00+01:00',
      priority: 'high' as const,
      tags: ['home'],
      listId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      recurrence: { rrule: 'FREQ=MONTHLY', anchor: 'schedule' as const },
      reminders: [{ minutesBefore: 30 }],
    };
    expect(createBodyFromParse('pay rent tomorrow 9am p1', reading(task), 'Asia/Tokyo')).toEqual({
      title: 'Pay rent',
      timezone: 'Europe/Paris',
      dueAt: '2030-03-05T09:00:00+01:00',
      allDay: false,
      priority: 'high',
      tags: ['home'],
      listId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      recurrence: { rrule: 'FREQ=MONTHLY', anchor: 'schedule' },
      reminders: [{ minutesBefore: 30 }],
    });
  });

  it('given a reading that said little, when turned into a body, then only that is sent, #Inbox as null', () => {
    expect(
      createBodyFromParse('call dad #Inbox', reading({ title: 'call dad', tags: [], listId: null })),
    ).toEqual({
      title: 'call dad',
      timezone: 'Europe/Paris',
      listId: null,
    });
    expect(createBodyFromParse('  ', reading({ title: '  ' }))).toEqual({
      title: '  ',
      timezone: 'Europe/Paris',
    });
  });

  it('given no reading (the engine unavailable), when turned into a body, then the text is the title in the user’s zone', () => {
    expect(createBodyFromParse('Buy milk', null, 'Asia/Tokyo')).toEqual({
      title: 'Buy milk',
      timezone: 'Asia/Tokyo',
    });
    expect(createBodyFromParse('Buy milk', null)).toEqual({ title: 'Buy milk' });
  });
});
