import {
  TASK_EVENT_TYPES,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  type AnyEnvelope,
} from '@todo/contracts';
import {
  type BatchHandler,
  type EventLog,
  type EventStore,
  type Knex,
  type Logger,
  type Subscription,
} from '@todo/platform';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { reminderJobName, type ReminderJobData } from './reminder-job.ts';
import { historiesInBatch } from './histories-in-batch.ts';
import { planReminders } from './reminder-plan.ts';

export const REMINDERS_CONSUMER = 'saga.reminders';

export interface ReminderSagaDeps {
  eventLog: EventLog;
  eventStore: EventStore;
  scheduler: Scheduler;
  logger: Logger;
  consumer?: string;
}

const TASK_TYPES = new Set<string>(TASK_EVENT_TYPES);

/**
 * Keeps the scheduler's jobs equal to what the tasks' histories say is pending: after any
 * change to a task, its plan is recomputed from its whole stream and every reminder job is
 * scheduled (overwriting) or cancelled. Idempotent, so a repeated delivery changes nothing.
 * With the PostgreSQL scheduler the jobs are written in the consumer's transaction, with
 * its checkpoint.
 */
export function startReminderSaga(deps: ReminderSagaDeps): Subscription {
  return deps.eventLog.subscribe(
    deps.consumer ?? REMINDERS_CONSUMER,
    reminderHandler(deps.eventStore, deps.scheduler),
  );
}

/** The saga's batch handler, for a subscription of its own or shared with the other sagas. */
export function reminderHandler(eventStore: EventStore, scheduler: Scheduler): BatchHandler {
  return async (events, trx) => {
    const touched = new Map<string, AnyEnvelope>();
    for (const e of events) {
      // A firing's job is removed by the scheduler itself as it fires; its email changes no plan.
      if (!TASK_TYPES.has(e.type) || e.type === TASK_REMINDER_FIRED || e.type === TASK_REMINDER_EMAILED)
        continue;
      touched.set(e.subject, e);
    }
    if (touched.size === 0) return;
    // The histories: a task begun in this batch (a create) has its whole history here; the
    // others are read in one round trip for the batch, in its transaction. Reading them one
    // by one was a round trip per event, and left the sagas seconds behind the log at 500
    // creates/s.
    const inBatch = historiesInBatch(events);
    const toRead = [...touched.keys()].filter((taskId) => !inBatch.has(taskId));
    const read = await eventStore.in(trx).readStreams(toRead);
    const tasks = [...touched].map(([taskId, last]) => ({
      taskId,
      userId: last.userid,
      history: inBatch.get(taskId) ?? read.get(taskId)!.events,
    }));
    // Several tasks at a time where the scheduler allows it: with the Dapr Jobs API each job
    // is a round trip to the sidecar and a write in the scheduler's etcd, and a batch of 200
    // new tasks with 10 reminders each took seconds one task after the other (the sidecar's
    // delivery time-out is 10 s). The PostgreSQL scheduler writes in this transaction: one
    // at a time.
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const { taskId, userId, history } = tasks[next++]!;
        await reconcile(scheduler, taskId, userId, history, trx);
      }
    };
    await Promise.all(Array.from({ length: Math.min(scheduler.concurrentWrites, tasks.length) }, worker));
  };
}

export async function reconcile(
  scheduler: Scheduler,
  taskId: string,
  userId: string,
  history: readonly AnyEnvelope[],
  transaction: Knex.Transaction,
): Promise<void> {
  const plan = planReminders(history);
  const pending = new Map(plan.pending.map((p) => [p.reminderId, p.fireAt]));
  for (const reminderId of plan.known) {
    const name = reminderJobName(taskId, reminderId);
    const fireAt = pending.get(reminderId);
    if (fireAt === undefined) {
      await scheduler.cancel(name, { transaction });
      continue;
    }
    const data: ReminderJobData = { kind: 'reminder', taskId, userId, reminderId, scheduledFor: fireAt };
    await scheduler.schedule({ name, dueAt: new Date(fireAt), data }, { transaction });
  }
}
