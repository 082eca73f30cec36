import { describe, it } from '@jest/globals';
import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  type CreateTask,
  type TaskCreatedData,
  type TaskEvent,
} from '@todo/contracts';
import { given } from '../testing/given.ts';

const id = '7d8f6c3e-2c1a-4c55-9a59-0b8f1c2d3e4f';
const fields: TaskCreatedData = {
  title: 'Pay rent',
  description: '',
  priority: 'high',
  tags: ['home'],
  dueAt: '2026-12-01T09:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
  reminders: [{ id: 'r1', minutesBefore: 30 }],
  seriesId: id,
  listId: null,
  spawnedFrom: null,
};
const create: CreateTask = { type: 'CreateTask', taskId: id, ...fields };
const created: TaskEvent = { type: TASK_CREATED, data: fields };
const completed: TaskEvent = { type: TASK_COMPLETED, data: { completedAt: '2026-12-01T10:00:00.000Z' } };
const deleted: TaskEvent = { type: TASK_DELETED, data: {} };

describe('task decider', () => {
  it('creates a task', () => given([]).when(create).then([created]));

  it('refuses a series id that is not a UUID (the read model could never store it), naming the field', () =>
    given([])
      .when({ ...create, seriesId: 'series-1' })
      .thenRefuses('invalid-series-id', 'seriesId'));

  it('refuses to create a task twice', () => given([created]).when(create).thenRefuses('task-exists'));

  it('refuses a recurring task without a due date, naming the field', () =>
    given([])
      .when({ ...create, dueAt: null, reminders: [] })
      .thenRefuses('needs-due-date', 'recurrence'));

  it('refuses a relative reminder without a due date, naming the reminder', () =>
    given([])
      .when({ ...create, dueAt: null, recurrence: null })
      .thenRefuses('needs-due-date', 'reminders.0.minutesBefore'));

  describe('a rule that never occurs after its start', () => {
    it('is refused on create, naming the rule (BYMONTH=2 takes its day, the 30th, from the due date)', () =>
      given([])
        .when({
          ...create,
          dueAt: '2026-01-30T08:00:00.000Z',
          recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2', anchor: 'schedule' },
        })
        .thenRefuses('rule-never-occurs', 'recurrence.rrule'));

    it('is refused on create when no date can satisfy it (the repro of issue 10)', () =>
      given([])
        .when({ ...create, recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', anchor: 'schedule' } })
        .thenRefuses('rule-never-occurs', 'recurrence.rrule'));

    it('is refused when every 24 hours from 10:00 Paris never reaches BYHOUR=5', () =>
      given([])
        .when({ ...create, recurrence: { rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=5', anchor: 'schedule' } })
        .thenRefuses('rule-never-occurs', 'recurrence.rrule'));

    it('is accepted when it occurs only in leap years, within ten years', () =>
      given([])
        .when({
          ...create,
          dueAt: '2026-12-01T09:00:00.000Z',
          recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', anchor: 'schedule' },
        })
        .then([
          {
            type: TASK_CREATED,
            data: {
              ...fields,
              dueAt: '2026-12-01T09:00:00.000Z',
              recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', anchor: 'schedule' },
            },
          },
        ]));

    it('is refused when a rule is edited into one', () =>
      given([created])
        .when({
          type: 'UpdateTask',
          taskId: id,
          changes: { recurrence: { rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=5', anchor: 'schedule' } },
        })
        .thenRefuses('rule-never-occurs', 'recurrence.rrule'));

    it('is refused when moving the due date makes the rule never occur', () =>
      given([
        {
          type: TASK_CREATED,
          data: {
            ...fields,
            recurrence: { rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=5', anchor: 'schedule' },
            dueAt: '2026-12-01T04:00:00.000Z',
          },
        },
      ])
        .when({ type: 'UpdateTask', taskId: id, changes: { dueAt: '2026-12-01T09:00:00.000Z' } })
        .thenRefuses('rule-never-occurs', 'recurrence.rrule'));

    it('is not checked again for the next occurrence the saga spawns (it is due on the rule)', () => {
      const spawned = {
        ...fields,
        recurrence: { rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', anchor: 'schedule' as const },
        dueAt: '2027-02-28T23:00:00.000Z',
        spawnedFrom: { taskId: id, eventId: id },
      };
      given([])
        .when({ ...create, ...spawned })
        .then([{ type: TASK_CREATED, data: spawned }]);
    });
  });

  it('records only the fields that really change', () =>
    given([created])
      .when({ type: 'UpdateTask', taskId: id, changes: { title: 'Pay rent', priority: 'low' } })
      .then([{ type: TASK_UPDATED, data: { changes: { priority: 'low' } } }]));

  it('records nothing for an update that changes nothing', () =>
    given([created])
      .when({ type: 'UpdateTask', taskId: id, changes: { tags: ['home'] } })
      .then([]));

  it('refuses to drop the due date of a recurring task', () =>
    given([created])
      .when({ type: 'UpdateTask', taskId: id, changes: { dueAt: null } })
      .thenRefuses('needs-due-date', 'recurrence'));

  it('completes an open task', () =>
    given([created])
      .when({ type: 'CompleteTask', taskId: id, completedAt: '2026-12-01T10:00:00.000Z' })
      .then([completed]));

  it('refuses to complete a completed task', () =>
    given([created, completed])
      .when({ type: 'CompleteTask', taskId: id, completedAt: '2026-12-02T10:00:00.000Z' })
      .thenRefuses('already-completed'));

  it('reopens a completed task', () =>
    given([created, completed])
      .when({ type: 'ReopenTask', taskId: id })
      .then([{ type: TASK_REOPENED, data: {} }]));

  it('refuses to reopen an open task', () =>
    given([created]).when({ type: 'ReopenTask', taskId: id }).thenRefuses('not-completed'));

  it('deletes a task', () => given([created]).when({ type: 'DeleteTask', taskId: id }).then([deleted]));

  it('refuses everything on a deleted task', () => {
    given([created, deleted]).when({ type: 'DeleteTask', taskId: id }).thenRefuses('task-deleted');
    given([created, deleted])
      .when({ type: 'UpdateTask', taskId: id, changes: { title: 'x' } })
      .thenRefuses('task-deleted');
    given([created, deleted])
      .when({ type: 'CompleteTask', taskId: id, completedAt: '2026-12-01T10:00:00.000Z' })
      .thenRefuses('task-deleted');
    given([created, deleted]).when({ type: 'ReopenTask', taskId: id }).thenRefuses('task-deleted');
  });

  it('refuses commands on a task that does not exist', () =>
    given([])
      .when({ type: 'CompleteTask', taskId: id, completedAt: '2026-12-01T10:00:00.000Z' })
      .thenRefuses('task-not-found'));

  describe('series and reminders', () => {
    const fired = {
      reminderId: 'r1',
      scheduledFor: '2026-12-01T08:30:00.000Z',
      firedAt: '2026-12-01T08:30:00.012Z',
      late: false,
    };

    it('skips an occurrence of a recurring task, closing it', () =>
      given([created])
        .when({ type: 'SkipOccurrence', taskId: id, skippedAt: '2026-12-01T07:00:00.000Z' })
        .then([{ type: TASK_OCCURRENCE_SKIPPED, data: { skippedAt: '2026-12-01T07:00:00.000Z' } }]));

    it('treats a skipped occurrence as closed', () =>
      given([created, { type: TASK_OCCURRENCE_SKIPPED, data: { skippedAt: '2026-12-01T07:00:00.000Z' } }])
        .when({ type: 'CompleteTask', taskId: id, completedAt: '2026-12-01T10:00:00.000Z' })
        .thenRefuses('already-completed'));

    it('refuses to skip a task that does not repeat', () =>
      given([{ type: TASK_CREATED, data: { ...fields, recurrence: null } }])
        .when({ type: 'SkipOccurrence', taskId: id, skippedAt: '2026-12-01T07:00:00.000Z' })
        .thenRefuses('not-recurring'));

    it('records a reminder firing', () =>
      given([created])
        .when({ type: 'RecordReminderFired', taskId: id, ...fired })
        .then([{ type: TASK_REMINDER_FIRED, data: fired }]));

    it('does not fire a reminder the task no longer has', () =>
      given([created, { type: TASK_UPDATED, data: { changes: { reminders: [] } } }])
        .when({ type: 'RecordReminderFired', taskId: id, ...fired })
        .thenRefuses('reminder-not-found', 'reminderId'));

    it('does not fire a reminder of a completed task', () =>
      given([created, completed])
        .when({ type: 'RecordReminderFired', taskId: id, ...fired })
        .thenRefuses('already-completed'));

    it('snoozes a reminder', () =>
      given([created, { type: TASK_REMINDER_FIRED, data: fired }])
        .when({
          type: 'SnoozeReminder',
          taskId: id,
          reminderId: 'r1',
          snoozedUntil: '2026-12-01T08:40:00.000Z',
        })
        .then([
          {
            type: TASK_REMINDER_SNOOZED,
            data: { reminderId: 'r1', snoozedUntil: '2026-12-01T08:40:00.000Z' },
          },
        ]));

    it('refuses to snooze an unknown reminder', () =>
      given([created])
        .when({
          type: 'SnoozeReminder',
          taskId: id,
          reminderId: 'nope',
          snoozedUntil: '2026-12-01T08:40:00.000Z',
        })
        .thenRefuses('reminder-not-found'));
  });
});
