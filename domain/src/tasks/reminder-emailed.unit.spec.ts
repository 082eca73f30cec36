import { describe, it } from '@jest/globals';
import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_REMINDER_EMAILED,
  type RecordReminderEmailed,
  type TaskCreatedData,
  type TaskEvent,
} from '@todo/contracts';
import { given } from '../testing/given.ts';

const id = '3b1f0c2e-8d4a-4f6b-9c1d-2e3f4a5b6c7d';
const fields: TaskCreatedData = {
  title: 'Water the plants',
  description: '',
  priority: 'none',
  tags: [],
  dueAt: null,
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: null,
  reminders: [{ id: 'r1', at: '2030-03-04T08:00:00.000Z' }],
  listId: null,
  seriesId: null,
  spawnedFrom: null,
};
const created: TaskEvent = { type: TASK_CREATED, data: fields };
const outcome = {
  reminderId: 'r1',
  firingId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  outcome: 'delivered' as const,
  attempts: 2,
  messageId: '<reminder-1@todo.test>',
  error: null,
};
const record: RecordReminderEmailed = { type: 'RecordReminderEmailed', taskId: id, ...outcome };

describe('recording what became of a reminder email', () => {
  it('records a delivered email in the task’s history', () =>
    given([created])
      .when(record)
      .then([{ type: TASK_REMINDER_EMAILED, data: outcome }]));

  it('records a failure with its last error', () =>
    given([created])
      .when({ ...record, outcome: 'failed', attempts: 9, error: 'connect ECONNREFUSED' })
      .then([
        {
          type: TASK_REMINDER_EMAILED,
          data: { ...outcome, outcome: 'failed', attempts: 9, error: 'connect ECONNREFUSED' },
        },
      ]));

  it('still records it when the task was completed after the mail went out', () =>
    given([created, { type: TASK_COMPLETED, data: { completedAt: '2030-03-04T08:01:00.000Z' } }])
      .when(record)
      .then([{ type: TASK_REMINDER_EMAILED, data: outcome }]));

  it('records nothing on a deleted task', () =>
    given([created, { type: TASK_DELETED, data: {} }])
      .when(record)
      .thenRefuses('task-deleted'));
});
