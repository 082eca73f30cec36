import { describe, expect, it } from '@jest/globals';
import type { TaskFields } from '@todo/domain';
import { decideNextOccurrence, nextOccurrenceId, type ClosedOccurrence } from './decide-next.ts';

const taskId = '0b6f7d1e-8a51-4f0c-9d8e-2f1a3b4c5d6e';
const FIRST_OF_SERIES = '3c2b1a09-8f7e-4d6c-9b5a-493827160f1e';
const task: TaskFields = {
  title: 'Water the plants',
  description: 'all of them',
  priority: 'medium',
  tags: ['home'],
  dueAt: '2026-03-01T14:00:00.000Z',
  allDay: false,
  timezone: 'America/New_York',
  recurrence: { rrule: 'FREQ=WEEKLY', anchor: 'schedule' },
  reminders: [{ id: 'r1', minutesBefore: 15 }],
  seriesId: null,
  listId: null,
};
const closed: ClosedOccurrence = {
  taskId,
  task,
  closedAt: '2026-03-01T15:00:00.000Z',
  closingEventId: 'aaaaaaaa-0000-4000-8000-000000000001',
};

describe('recurrence saga decision', () => {
  it('given a completed weekly task, creates the next occurrence in the same series', () => {
    const decision = decideNextOccurrence(closed);
    expect(decision?.command).toEqual({
      type: 'CreateTask',
      taskId: nextOccurrenceId(taskId),
      title: 'Water the plants',
      description: 'all of them',
      priority: 'medium',
      tags: ['home'],
      dueAt: '2026-03-08T13:00:00.000Z',
      allDay: false,
      timezone: 'America/New_York',
      recurrence: { rrule: 'FREQ=WEEKLY', anchor: 'schedule' },
      reminders: [{ id: 'r1', minutesBefore: 15 }],
      seriesId: taskId,
      spawnedFrom: { taskId, eventId: closed.closingEventId },
      listId: null,
    });
  });

  it('keeps the series id of later occurrences', () =>
    expect(
      decideNextOccurrence({ ...closed, task: { ...task, seriesId: FIRST_OF_SERIES } })?.command.seriesId,
    ).toBe(FIRST_OF_SERIES));

  it('derives the same ids from the same completion (a repeat cannot create a second task)', () =>
    expect(decideNextOccurrence(closed)).toEqual(decideNextOccurrence(closed)));

  it('gives the same next task id even for a second completion after a reopen', () =>
    expect(decideNextOccurrence({ ...closed, closingEventId: 'other' })?.command.taskId).toBe(
      decideNextOccurrence(closed)?.command.taskId,
    ));

  it('does nothing for a task that does not repeat', () =>
    expect(decideNextOccurrence({ ...closed, task: { ...task, recurrence: null } })).toBeNull());

  it('given a daily task whose next due time would be in year 10000 UTC, ends the series', () =>
    expect(
      decideNextOccurrence({
        ...closed,
        task: {
          ...task,
          dueAt: '9999-12-31T04:00:00.000Z',
          timezone: 'America/Los_Angeles',
          recurrence: { rrule: 'FREQ=DAILY', anchor: 'schedule' },
        },
        closedAt: '9999-12-31T05:00:00.000Z',
      }),
    ).toBeNull());

  it('does nothing when the series has ended', () =>
    expect(
      decideNextOccurrence({
        ...closed,
        task: { ...task, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=1', anchor: 'schedule' } },
      }),
    ).toBeNull());
});
