import { describe, expect, it } from '@jest/globals';
import { compensationFor, type Compensating, type NoCompensation } from './compensation.ts';
import type { TaskSnapshot, UndoRecord } from './conversation-state.ts';

// given(the conversation's last action).whenUndone(at).then(what undo sends and says)
const at = {
  now: new Date('2026-11-26T08:00:00Z'), // Thursday, 09:00 in Paris
  timezone: 'Europe/Paris',
  newTaskId: () => 'restored-1',
};

function given(last: UndoRecord | undefined) {
  return {
    whenUndone(context = at) {
      return {
        then: (expected: Compensating | NoCompensation) =>
          expect(compensationFor(last, context)).toEqual(expected),
      };
    },
  };
}

const ferns = { taskId: 't1', title: 'Water the ferns', eventId: 'e7' };

const snapshot: TaskSnapshot = {
  title: 'Water the ferns',
  description: 'the big ones',
  priority: 'high',
  tags: ['home'],
  dueAt: '2026-11-27T16:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', anchor: 'schedule' },
  reminders: [{ id: 'r1', minutesBefore: 30 }],
};

describe('undo: the compensating command for the last action', () => {
  it('has nothing to undo in a conversation without a last action', () =>
    given(undefined).whenUndone().then({ reply: 'There is nothing for me to undo in this conversation.' }));

  it('deletes a task it created, caused by the creation', () =>
    given({ kind: 'created', ...ferns })
      .whenUndone()
      .then({
        command: { type: 'DeleteTask', taskId: 't1' },
        causationId: 'e7',
        action: { kind: 'deleted', taskId: 't1', title: 'Water the ferns' },
        reply: 'Undone: I removed “Water the ferns” again.',
      }));

  it('reopens a task it completed', () =>
    given({ kind: 'completed', ...ferns })
      .whenUndone()
      .then({
        command: { type: 'ReopenTask', taskId: 't1' },
        causationId: 'e7',
        action: { kind: 'reopened', taskId: 't1', title: 'Water the ferns' },
        reply: 'Undone: “Water the ferns” is open again.',
      }));

  it('completes a task it reopened, at the instant of the undo', () =>
    given({ kind: 'reopened', ...ferns })
      .whenUndone()
      .then({
        command: { type: 'CompleteTask', taskId: 't1', completedAt: '2026-11-26T08:00:00.000Z' },
        causationId: 'e7',
        action: { kind: 'completed', taskId: 't1', title: 'Water the ferns' },
        reply: 'Undone: “Water the ferns” is completed again.',
      }));

  it('puts the old values of an update back and says them in the user’s zone', () =>
    given({
      kind: 'updated',
      ...ferns,
      title: 'Water all plants',
      before: { title: 'Water the ferns', dueAt: '2026-11-27T16:00:00.000Z', allDay: false },
    })
      .whenUndone()
      .then({
        command: {
          type: 'UpdateTask',
          taskId: 't1',
          changes: { title: 'Water the ferns', dueAt: '2026-11-27T16:00:00.000Z', allDay: false },
        },
        causationId: 'e7',
        action: { kind: 'updated', taskId: 't1', title: 'Water all plants' },
        reply: 'Undone: “Water the ferns” is back as it was (due Fri, Nov 27 at 17:00).',
      }));

  it('names an updated task by its current title when the title did not change', () =>
    given({ kind: 'updated', ...ferns, before: { priority: 'none' } })
      .whenUndone()
      .then({
        command: { type: 'UpdateTask', taskId: 't1', changes: { priority: 'none' } },
        causationId: 'e7',
        action: { kind: 'updated', taskId: 't1', title: 'Water the ferns' },
        reply: 'Undone: “Water the ferns” is back as it was (no priority).',
      }));

  it('brings a deleted task back as a new task with its old fields, a series of its own when it repeats', () =>
    given({ kind: 'deleted', ...ferns, before: snapshot })
      .whenUndone()
      .then({
        command: {
          type: 'CreateTask',
          taskId: 'restored-1',
          ...snapshot,
          listId: null,
          seriesId: 'restored-1',
          spawnedFrom: null,
        },
        causationId: 'e7',
        action: { kind: 'restored', taskId: 'restored-1', title: 'Water the ferns' },
        reply: 'Undone: “Water the ferns” is back.',
      }));

  it('brings back a deleted one-off task without a series', () =>
    given({ kind: 'deleted', ...ferns, before: { ...snapshot, recurrence: null } })
      .whenUndone()
      .then({
        command: {
          type: 'CreateTask',
          taskId: 'restored-1',
          ...snapshot,
          listId: null,
          recurrence: null,
          seriesId: null,
          spawnedFrom: null,
        },
        causationId: 'e7',
        action: { kind: 'restored', taskId: 'restored-1', title: 'Water the ferns' },
        reply: 'Undone: “Water the ferns” is back.',
      }));

  it('says a snooze cannot be taken back, and sends nothing', () =>
    given({ kind: 'snoozed', ...ferns })
      .whenUndone()
      .then({ reply: 'A snooze cannot be taken back; snooze again to pick another time.' }));

  it('asks for a new task id only when a deleted task comes back', () => {
    const asked: string[] = [];
    const counting = { ...at, newTaskId: () => (asked.push('id'), `new-${asked.length}`) };
    for (const kind of ['created', 'completed', 'reopened', 'snoozed'] as const) {
      compensationFor({ kind, ...ferns }, counting);
    }
    compensationFor({ kind: 'updated', ...ferns, before: {} }, counting);
    expect(asked).toEqual([]);
    compensationFor({ kind: 'deleted', ...ferns, before: snapshot }, counting);
    expect(asked).toEqual(['id']);
  });
});
