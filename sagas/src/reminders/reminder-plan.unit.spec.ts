import { describe, expect, it } from '@jest/globals';
import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  type AnyEnvelope,
  type TaskCreatedData,
  type TaskEvent,
} from '@todo/contracts';
import { planReminders, type PendingReminder } from './reminder-plan.ts';

const created: TaskCreatedData = {
  title: 'Call mum',
  description: '',
  priority: 'none',
  tags: [],
  dueAt: '2026-05-01T10:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: null,
  reminders: [
    { id: 'before', minutesBefore: 30 },
    { id: 'fixed', at: '2026-05-01T08:00:00.000Z' },
  ],
  seriesId: null,
  listId: null,
  spawnedFrom: null,
};

/** given([[time, event], ...]).thenPending([...]): the plan is a fold over the history. */
function given(history: [string, TaskEvent][]) {
  const envelopes = history.map(
    ([time, event], i) => ({ type: event.type, data: event.data, time, streamversion: i + 1 }) as AnyEnvelope,
  );
  const plan = planReminders(envelopes);
  return {
    thenPending(expected: PendingReminder[]) {
      expect(plan.pending).toEqual(expected);
    },
    thenKnown(ids: string[]) {
      expect(plan.known.sort()).toEqual(ids.sort());
    },
  };
}

const T0 = '2026-04-30T12:00:00.000Z';
const create = [T0, { type: TASK_CREATED, data: created }] as [string, TaskEvent];
const fired = (reminderId: string, scheduledFor: string): TaskEvent => ({
  type: TASK_REMINDER_FIRED,
  data: { reminderId, scheduledFor, firedAt: scheduledFor, late: false },
});

describe('reminder plan', () => {
  it('given a new task, both reminders are pending at their instants', () =>
    given([create]).thenPending([
      { reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' },
      { reminderId: 'fixed', fireAt: '2026-05-01T08:00:00.000Z' },
    ]));

  it('given a reminder that fired, it is no longer pending', () =>
    given([create, ['2026-05-01T08:00:00.010Z', fired('fixed', '2026-05-01T08:00:00.000Z')]]).thenPending([
      { reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' },
    ]));

  it('given the due time moves, a relative reminder moves with it (and may fire again)', () =>
    given([
      create,
      ['2026-05-01T09:30:00.010Z', fired('before', '2026-05-01T09:30:00.000Z')],
      [
        '2026-05-01T09:40:00.000Z',
        { type: TASK_UPDATED, data: { changes: { dueAt: '2026-05-02T10:00:00.000Z' } } },
      ],
    ]).thenPending([
      { reminderId: 'before', fireAt: '2026-05-02T09:30:00.000Z' },
      { reminderId: 'fixed', fireAt: '2026-05-01T08:00:00.000Z' },
    ]));

  it('given a reminder set to an instant already past, it does not fire', () =>
    given([
      create,
      [
        '2026-05-01T09:00:00.000Z',
        {
          type: TASK_UPDATED,
          data: { changes: { reminders: [{ id: 'fixed', at: '2026-05-01T07:00:00.000Z' }] } },
        },
      ],
    ]).thenPending([]));

  it('given a removed reminder, it is known (to be cancelled) but not pending', () => {
    const g = given([
      create,
      ['2026-04-30T13:00:00.000Z', { type: TASK_UPDATED, data: { changes: { reminders: [] } } }],
    ]);
    g.thenPending([]);
    g.thenKnown(['before', 'fixed']);
  });

  it('given a completed task, nothing is pending', () =>
    given([
      create,
      ['2026-04-30T13:00:00.000Z', { type: TASK_COMPLETED, data: { completedAt: T0 } }],
    ]).thenPending([]));

  it('given a reopened task, reminders whose instant passed meanwhile do not fire', () =>
    given([
      create,
      ['2026-04-30T13:00:00.000Z', { type: TASK_COMPLETED, data: { completedAt: T0 } }],
      ['2026-05-01T09:00:00.000Z', { type: TASK_REOPENED, data: {} }],
    ]).thenPending([{ reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' }]));

  it('given a snooze after a firing, the reminder goes off again, once', () => {
    const snooze: TaskEvent = {
      type: TASK_REMINDER_SNOOZED,
      data: { reminderId: 'fixed', snoozedUntil: '2026-05-01T08:10:00.000Z' },
    };
    given([
      create,
      ['2026-05-01T08:00:00.010Z', fired('fixed', '2026-05-01T08:00:00.000Z')],
      ['2026-05-01T08:00:05.000Z', snooze],
    ]).thenPending([
      { reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' },
      { reminderId: 'fixed', fireAt: '2026-05-01T08:10:00.000Z' },
    ]);
    given([
      create,
      ['2026-05-01T08:00:00.010Z', fired('fixed', '2026-05-01T08:00:00.000Z')],
      ['2026-05-01T08:00:05.000Z', snooze],
      ['2026-05-01T08:10:00.010Z', fired('fixed', '2026-05-01T08:10:00.000Z')],
    ]).thenPending([{ reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' }]);
  });

  it('given a snooze before the reminder fired, the snooze replaces it', () =>
    given([
      create,
      [
        '2026-05-01T07:00:00.000Z',
        {
          type: TASK_REMINDER_SNOOZED,
          data: { reminderId: 'fixed', snoozedUntil: '2026-05-01T08:30:00.000Z' },
        },
      ],
      ['2026-05-01T08:30:00.010Z', fired('fixed', '2026-05-01T08:30:00.000Z')],
    ]).thenPending([{ reminderId: 'before', fireAt: '2026-05-01T09:30:00.000Z' }]));
});
