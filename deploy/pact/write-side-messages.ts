import { randomUUID } from 'node:crypto';
import type { MessageProviders } from '@pact-foundation/pact';
import type { AnyEnvelope, CreateTask, TaskCommand } from '@todo/contracts';
import { handleTaskCommand } from '@todo/domain';
import { createLogger, PostgresEventLog, PostgresEventStore, type Subscription } from '@todo/platform';
import type { TestDatabase } from '@todo/platform/testing';
import { fireReminderHandler, reminderJobName } from '@todo/sagas';

const logger = createLogger('silent');
// A fixed completion instant: the message does not depend on the day the pact runs.
const COMPLETED_AT = '2026-12-01T09:00:00.000Z';
const REMINDER_AT = '2026-12-01T07:30:00.000Z';

/**
 * The write side producing real messages: commands go through `handleTaskCommand` into
 * the PostgreSQL event store (the reminder firing through the scheduler's callback), and
 * each message is the envelope as a consumer subscribed to the event log receives it.
 */
export class WriteSide {
  private readonly store: PostgresEventStore;
  private readonly received = new Map<string, AnyEnvelope>();
  private readonly subscription: Subscription;

  constructor(db: TestDatabase) {
    this.store = new PostgresEventStore(db.knex);
    const log = new PostgresEventLog(db.knex, db.connectionString, logger);
    this.subscription = log.subscribe(`pact:${randomUUID()}`, async (events) => {
      for (const e of events) this.received.set(e.id, e);
    });
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /** The messages by the description the consumer expects them under. */
  providers(): MessageProviders {
    return {
      'a task created event': () => this.lastEventOf((taskId) => [createTask(taskId)]),
      'a task updated event': () =>
        this.lastEventOf((taskId) => [
          createTask(taskId),
          { type: 'UpdateTask', taskId, changes: { priority: 'low' } },
        ]),
      'a task completed event': () =>
        this.lastEventOf((taskId) => [
          createTask(taskId),
          { type: 'CompleteTask', taskId, completedAt: COMPLETED_AT },
        ]),
      'a task deleted event': () =>
        this.lastEventOf((taskId) => [createTask(taskId), { type: 'DeleteTask', taskId }]),
      'a task reminder fired event': () => this.reminderFired(),
    };
  }

  /** Runs the commands on a new task as a new user; the last event they wrote, as consumed. */
  private async lastEventOf(commands: (taskId: string) => TaskCommand[]): Promise<AnyEnvelope> {
    const taskId = randomUUID();
    const userId = randomUUID();
    let last: string | undefined;
    for (const command of commands(taskId)) {
      const result = await handleTaskCommand(this.store, command, {
        userId,
        correlationId: randomUUID(),
        source: '/todo/command-api',
      });
      last = result.eventIds.at(-1) ?? last;
    }
    if (!last) throw new Error('the commands wrote no event');
    return this.consumed(last);
  }

  private async reminderFired(): Promise<AnyEnvelope> {
    const userId = randomUUID();
    const taskId = randomUUID();
    await handleTaskCommand(this.store, createTask(taskId), {
      userId,
      correlationId: randomUUID(),
      source: '/todo/command-api',
    });
    const fire = fireReminderHandler({ eventStore: this.store, logger });
    const data = { kind: 'reminder', taskId, userId, reminderId: 'r1', scheduledFor: REMINDER_AT };
    await fire(
      { name: reminderJobName(taskId, 'r1'), dueAt: new Date(REMINDER_AT), data, attempts: 0 },
      { firedAt: new Date(new Date(REMINDER_AT).getTime() + 120) },
    );
    const stream = await this.store.readStream(taskId);
    const fired = stream.events.at(-1);
    if (fired?.type !== 'todo.task.reminder-fired.v1') throw new Error('the reminder did not fire');
    return this.consumed(fired.id);
  }

  private async consumed(eventId: string): Promise<AnyEnvelope> {
    await this.subscription.caughtUp();
    const envelope = this.received.get(eventId);
    if (!envelope) throw new Error(`event ${eventId} never reached the log's consumers`);
    return envelope;
  }
}

function createTask(taskId: string): CreateTask {
  return {
    type: 'CreateTask',
    taskId,
    title: 'Pay rent',
    description: '',
    priority: 'high',
    tags: ['home'],
    dueAt: '2026-12-01T08:00:00.000Z',
    allDay: false,
    timezone: 'Europe/Paris',
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    reminders: [{ id: 'r1', at: REMINDER_AT }],
    seriesId: taskId,
    listId: null,
    spawnedFrom: null,
  };
}
