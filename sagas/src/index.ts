import type { BatchHandler, Clock, EventLog, EventStore, Knex, Logger, Subscription } from '@todo/platform';
import { systemClock } from '@todo/platform';
import { recurrenceHandler } from './recurrence/recurrence-saga.ts';
import { fireReminderHandler } from './reminders/fire-reminder.ts';
import { reminderHandler } from './reminders/reminder-saga.ts';
import { PostgresScheduler, type PostgresSchedulerOptions } from './scheduler/postgres-scheduler.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { privateAddressesAllowed } from './webhooks/address-guard.ts';
import { webhookEnqueueHandler } from './webhooks/webhook-enqueuer.ts';
import { WebhookWorker } from './webhooks/webhook-worker.ts';

export { sagaMigrations } from './schema.ts';
export type { Scheduler } from './scheduler/scheduler.ts';
export { PostgresScheduler, type FiredJob } from './scheduler/postgres-scheduler.ts';
export { DaprJobsScheduler } from './scheduler/dapr-jobs-scheduler.ts';
export { nextOccurrence, type RecurringTask } from './recurrence/next-occurrence.ts';
export { daprJobCallbackRoute } from './scheduler/dapr-job-callback-route.ts';
export { daprSchedulerFromEnv } from './scheduler/scheduler-from-env.ts';
export { fireReminderHandler } from './reminders/fire-reminder.ts';
export { reminderJobName } from './reminders/reminder-job.ts';
export { webhookRoutes, type WebhookRouteDeps } from './webhooks/webhook-routes.ts';

export const SAGAS_CONSUMER = 'sagas';

export interface SagaDeps<S extends Subscription = Subscription> {
  knex: Knex;
  connectionString: string;
  eventLog: EventLog<S>;
  eventStore: EventStore;
  logger: Logger;
  clock?: Clock;
  /** Defaults to PostgreSQL durable timers; pass a DaprJobsScheduler in a cluster. */
  scheduler?: Scheduler;
  /** Hook for metrics and benchmarks (PostgreSQL scheduler only). */
  onRemindersCommitted?: PostgresSchedulerOptions['onCommitted'];
  /**
   * Webhook delivery of reminder firings (on by default). `allowPrivate` defaults to the
   * operator's WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true.
   */
  webhooks?: false | { allowPrivate?: boolean; firstRetryMs?: number };
}

export interface RunningSagas<S extends Subscription = Subscription> {
  scheduler: Scheduler;
  /** The sagas' one subscription, with whatever more its log tells (Kafka: `joined()`). */
  subscription: S;
  /** Resolves when the sagas have handled everything committed before the call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the recurrence saga, the reminder saga and the reminder scheduler in this process. */
export async function startSagas<S extends Subscription>(deps: SagaDeps<S>): Promise<RunningSagas<S>> {
  const scheduler =
    deps.scheduler ??
    new PostgresScheduler({
      knex: deps.knex,
      connectionString: deps.connectionString,
      logger: deps.logger,
      clock: deps.clock ?? systemClock,
      onCommitted: deps.onRemindersCommitted,
    });
  await scheduler.start(fireReminderHandler({ eventStore: deps.eventStore, logger: deps.logger }));
  const webhookOptions = deps.webhooks === false ? null : (deps.webhooks ?? {});
  const worker = webhookOptions
    ? new WebhookWorker({
        knex: deps.knex,
        connectionString: deps.connectionString,
        logger: deps.logger,
        clock: deps.clock ?? systemClock,
        allowPrivate: webhookOptions.allowPrivate ?? privateAddressesAllowed(),
        firstRetryMs: webhookOptions.firstRetryMs,
      })
    : null;
  await worker?.start();
  // One consumer for the three: one checkpoint transaction per batch instead of three
  // (each reminder firing is an event every consumer must read past).
  const handlers: BatchHandler[] = [
    recurrenceHandler(deps.eventStore, deps.logger),
    reminderHandler(deps.eventStore, scheduler),
  ];
  if (worker) handlers.push(webhookEnqueueHandler(() => worker.wake()));
  const subscription = deps.eventLog.subscribe(SAGAS_CONSUMER, async (events, trx) => {
    for (const handle of handlers) await handle(events, trx);
  });
  return {
    scheduler,
    subscription,
    caughtUp: async () => {
      await subscription.caughtUp();
    },
    stop: async () => {
      await subscription.stop();
      await scheduler.stop();
      await worker?.stop();
    },
  };
}
