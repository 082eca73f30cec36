import { describe, expect, it } from '@jest/globals';
import { newTaskCommand } from './new-task-command.ts';

const taskId = '7d8f6c3e-2c1a-4c55-9a59-0b8f1c2d3e4f';

/** Ids in a fixed order, so the minted reminder ids are known. */
function ids(...values: string[]) {
  const queue = [...values];
  return { next: () => queue.shift() ?? 'exhausted' };
}

describe('newTaskCommand', () => {
  it('fills in what the input leaves out, in the user’s zone', () => {
    expect(newTaskCommand({ title: 'Buy milk' }, { taskId, timezone: 'Europe/Paris', ids: ids() })).toEqual({
      type: 'CreateTask',
      taskId,
      title: 'Buy milk',
      description: '',
      priority: 'none',
      tags: [],
      dueAt: null,
      allDay: false,
      timezone: 'Europe/Paris',
      recurrence: null,
      reminders: [],
      seriesId: null,
      spawnedFrom: null,
      listId: null,
    });
  });

  it('keeps what was given; a recurring task starts its own series; reminders get ids', () => {
    const input = {
      title: 'Pay rent',
      description: 'by transfer',
      priority: 'high',
      tags: ['home'],
      dueAt: '2026-12-01T09:00:00.000Z',
      allDay: false,
      timezone: 'America/New_York',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    } as const;
    const command = newTaskCommand(
      {
        ...input,
        tags: [...input.tags],
        reminders: [{ id: 'early', minutesBefore: 60 }, { minutesBefore: 10 }],
      },
      { taskId, timezone: 'Europe/Paris', ids: ids('0a1b2c3d-4e5f-6789-abcd-ef0123456789') },
    );
    expect(command).toEqual({
      type: 'CreateTask',
      taskId,
      ...input,
      reminders: [
        { id: 'early', minutesBefore: 60 },
        { id: 'r0a1b2c3d4e', minutesBefore: 10 },
      ],
      seriesId: taskId,
      spawnedFrom: null,
      listId: null,
    });
  });
});
