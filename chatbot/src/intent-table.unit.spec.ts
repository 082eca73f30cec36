import { describe, expect, it } from '@jest/globals';
import type { Ids } from '@todo/platform';
import type { PendingChoice } from './conversation-state.ts';
import { INTENTS, type Plan } from './intent-table.ts';
import type { TaskRow } from './read-model.ts';

// given(a task and what was understood).when(the intent's row plans it).then(the command,
// the reply and the undo record): the table is pure, so no database is needed.
const now = new Date('2026-11-26T08:00:00Z'); // Thursday, 09:00 in Paris
const timezone = 'Europe/Paris';
const counting = (): Ids => {
  let n = 0;
  return { next: () => `id-${++n}` };
};

const report: TaskRow = {
  id: 't1',
  title: 'Report',
  description: '',
  priority: 'none',
  tags: ['work'],
  dueAt: null,
  allDay: false,
  timezone,
  recurrence: null,
  reminders: [],
  status: 'open',
  completedAt: null,
};

const pending = (intent: PendingChoice['intent'], more: Partial<PendingChoice> = {}): PendingChoice => ({
  intent,
  target: 'report',
  candidates: [],
  ...more,
});

/** The plan with its undo record made for event "e1", so it compares as plain data. */
function settled(plan: Plan) {
  return 'command' in plan ? { ...plan, undo: plan.undo('e1') } : plan;
}

describe('the intent table', () => {
  it('asks for a title before creating a task without one', () => {
    const plan = INTENTS.create_task.plan({ now, timezone, ids: counting(), task: { priority: 'high' } });
    expect(plan).toEqual({
      reply: 'What should the task be called? For example: “add buy milk tomorrow at 5pm”.',
    });
  });

  it('creates a task in the user’s zone, says what it understood and can delete it again', () => {
    const plan = INTENTS.create_task.plan({
      now,
      timezone,
      ids: counting(),
      task: { title: 'Buy milk', dueAt: '2026-11-27T17:00:00+01:00', allDay: false, priority: 'high' },
    });
    expect(settled(plan)).toEqual({
      command: {
        type: 'CreateTask',
        taskId: 'id-1',
        title: 'Buy milk',
        description: '',
        priority: 'high',
        tags: [],
        dueAt: '2026-11-27T16:00:00.000Z',
        allDay: false,
        timezone,
        recurrence: null,
        reminders: [],
        seriesId: null,
        spawnedFrom: null,
        listId: null,
      },
      action: { kind: 'created', taskId: 'id-1', title: 'Buy milk' },
      reply: 'Added “Buy milk” — due Fri, Nov 27 at 17:00, high priority.',
      undo: { kind: 'created', taskId: 'id-1', title: 'Buy milk', eventId: 'e1' },
    });
  });

  it('completes a task, and says a repeating one continues', () => {
    const weekly = { ...report, recurrence: { rrule: 'FREQ=WEEKLY', anchor: 'schedule' as const } };
    const plan = INTENTS.complete_task.plan({
      now,
      timezone,
      ids: counting(),
      task: weekly,
      pending: pending('complete_task'),
    });
    expect(settled(plan)).toEqual({
      command: { type: 'CompleteTask', taskId: 't1', completedAt: '2026-11-26T08:00:00.000Z' },
      action: { kind: 'completed', taskId: 't1', title: 'Report' },
      reply: 'Done: “Report”. It repeats, so the next one is on its way.',
      undo: { kind: 'completed', taskId: 't1', title: 'Report', eventId: 'e1' },
    });
  });

  it('remembers a deleted task’s fields so undo can bring it back', () => {
    const plan = INTENTS.delete_task.plan({
      now,
      timezone,
      ids: counting(),
      task: report,
      pending: pending('delete_task'),
    });
    const { id: _id, status: _status, completedAt: _completedAt, ...before } = report;
    expect(settled(plan)).toMatchObject({
      command: { type: 'DeleteTask', taskId: 't1' },
      reply: 'Deleted “Report”. Say “undo” to bring it back.',
      undo: { kind: 'deleted', taskId: 't1', title: 'Report', eventId: 'e1', before },
    });
  });

  it('renames and adds a tag, keeping the old values for undo and a reply for no change', () => {
    const plan = INTENTS.update_task.plan({
      now,
      timezone,
      ids: counting(),
      task: report,
      pending: pending('update_task', { changes: { title: 'Q3 report', tags: ['q3'] } }),
    });
    expect(settled(plan)).toEqual({
      command: { type: 'UpdateTask', taskId: 't1', changes: { title: 'Q3 report', tags: ['work', 'q3'] } },
      action: { kind: 'updated', taskId: 't1', title: 'Report' },
      reply: 'Renamed “Report” to “Q3 report”: @work @q3.',
      unchanged: '“Report” already looks like that; nothing changed.',
      undo: {
        kind: 'updated',
        taskId: 't1',
        title: 'Q3 report',
        eventId: 'e1',
        before: { title: 'Report', tags: ['work'] },
      },
    });
  });

  it('sends nothing for an update that names no change', () => {
    const plan = INTENTS.update_task.plan({
      now,
      timezone,
      ids: counting(),
      task: report,
      pending: pending('update_task'),
    });
    expect(plan).toEqual({ reply: 'I did not see what to change on “Report”.' });
  });

  it('snoozes the first reminder for ten minutes when no time was said', () => {
    const reminded = { ...report, reminders: [{ id: 'r1', minutesBefore: 0 }] };
    const plan = INTENTS.snooze_reminder.plan({
      now,
      timezone,
      ids: counting(),
      task: reminded,
      pending: pending('snooze_reminder'),
    });
    expect(settled(plan)).toEqual({
      command: {
        type: 'SnoozeReminder',
        taskId: 't1',
        reminderId: 'r1',
        snoozedUntil: '2026-11-26T08:10:00.000Z',
      },
      action: { kind: 'snoozed', taskId: 't1', title: 'Report' },
      reply: 'Snoozed the reminder for “Report” until Thu, Nov 26 at 09:10.',
      undo: { kind: 'snoozed', taskId: 't1', title: 'Report', eventId: 'e1' },
    });
  });

  it('sends nothing to snooze a task without a reminder', () => {
    const plan = INTENTS.snooze_reminder.plan({
      now,
      timezone,
      ids: counting(),
      task: report,
      pending: pending('snooze_reminder'),
    });
    expect(plan).toEqual({ reply: '“Report” has no reminder to snooze. Add one with “remind me …”.' });
  });

  it('turns the decider’s refusal into words naming the task', () => {
    const request = { now, timezone, ids: counting(), task: report, pending: pending('reopen_task') };
    expect(INTENTS.reopen_task.refused(request, 'it is not completed')).toBe(
      'I could not reopen “Report”: it is not completed.',
    );
    expect(INTENTS.create_task.refused({ now, timezone, ids: counting(), task: {} }, 'no')).toBe(
      'I could not add that: no.',
    );
  });

  it('looks for the target among the tasks the intent can act on', () => {
    expect(
      Object.fromEntries(
        (['complete_task', 'reopen_task', 'delete_task', 'update_task', 'snooze_reminder'] as const).map(
          (i) => [i, [INTENTS[i].statuses, INTENTS[i].which]],
        ),
      ),
    ).toEqual({
      complete_task: [['open'], 'an open'],
      reopen_task: [['completed'], 'a completed'],
      delete_task: [['open', 'completed'], 'a'],
      update_task: [['open'], 'an open'],
      snooze_reminder: [['open'], 'an open'],
    });
  });
});
