import type { Clock, EventLog, EventStore, Knex, Logger } from '@todo/platform';
import { systemClock } from '@todo/platform';
import { startRecurrenceSaga } from './recurrence/recurrence-saga.ts';
import { fireReminderHandler } from './reminders/fire-reminder.ts';
import { startReminderSaga } from './reminders/reminder-saga.ts';
import { PostgresScheduler, type PostgresSchedulerOptions } from './scheduler/postgres-scheduler.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { privateAddressesAllowed } from './webhooks/address-guard.ts';
import { startWebhookEnqueuer } from './webhooks/webhook-enqueuer.ts';
import { WebhookWorker } from './webhooks/webhook-worker.ts';

export { sagaMigrations } from './schema.ts';
export type { Scheduler } from './scheduler/scheduler.ts';
export { PostgresScheduler } from './scheduler/postgres-scheduler.ts';
export { DaprJobsScheduler } from './scheduler/dapr-jobs-scheduler.ts';
export { nextOccurrence } from './recurrence/next-occurrence.ts';
export { daprJobCallbackRoute } from './scheduler/dapr-job-callback-route.ts';

export interface SagaDeps {
  knex: Knex;
  connectionString: string;
  eventLog: EventLog;
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

export interface RunningSagas {
  scheduler: Scheduler;
  /** Resolves when the sagas have handled everything committed before the call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the recurrence saga, the reminder saga and the reminder scheduler in this process. */
export async function startSagas(deps: SagaDeps): Promise<RunningSagas> {
  const scheduler =
    deps.scheduler ??
    new PostgresScheduler({
      knex: deps.knex,
      connectionString: deps.connectionString,
      logger: deps.logger,
      clock: deps.clock ?? systemClock,
      onCommitted: deps.onRemindersCommitted,
    });
  const recurrence = startRecurrenceSaga({ eventLog: deps.eventLog, logger: deps.logger });
  const reminders = startReminderSaga({ eventLog: deps.eventLog, scheduler, logger: deps.logger });
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
  const enqueuer = worker ? startWebhookEnqueuer(deps.eventLog, () => worker.wake()) : null;
  return {
    scheduler,
    caughtUp: async () => {
      await Promise.all([recurrence.caughtUp(), reminders.caughtUp(), enqueuer?.caughtUp()]);
    },
    stop: async () => {
      await Promise.all([recurrence.stop(), reminders.stop(), enqueuer?.stop()]);
      await scheduler.stop();
      await worker?.stop();
    },
  };
}
