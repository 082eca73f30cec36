import type { BatchHandler, Clock, EventLog, EventStore, Knex, Logger, Subscription } from '@todo/platform';
import { systemClock } from '@todo/platform';
import { recurrenceHandler } from './recurrence/recurrence-saga.ts';
import { fireReminderHandler } from './reminders/fire-reminder.ts';
import { reminderHandler } from './reminders/reminder-saga.ts';
import { emailEnqueueHandler } from './email/email-enqueuer.ts';
import type { EmailSetup } from './email/email-setup.ts';
import { EmailWorker } from './email/email-worker.ts';
import { PostgresScheduler, type PostgresSchedulerOptions } from './scheduler/postgres-scheduler.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { Timers } from './scheduler/timers.ts';
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
export { emailRoutes, type EmailRouteDeps } from './email/email-routes.ts';
export { emailActionRoute, type EmailActionDeps } from './email/email-action-route.ts';
export { emailSetup, type EmailSetup, type EmailConfig } from './email/email-setup.ts';
export type { MailSender, OutgoingMail } from './email/mail-sender.ts';
export { SmtpMailSender } from './email/smtp-mail-sender.ts';
export { DaprBindingMailSender } from './email/dapr-binding-mail-sender.ts';
export type { Timers } from './scheduler/timers.ts';

export const SAGAS_CONSUMER = 'sagas';
const SAGAS_DRAIN_SPACING_MS = 50;
/** How long the sagas' drain waits after a quiet spell (see where it subscribes). */
const SAGAS_WAKE_DELAY_MS = 10;

export interface SagaDeps<S extends Subscription = Subscription> {
  knex: Knex;
  connectionString: string;
  eventLog: EventLog<S>;
  eventStore: EventStore;
  logger: Logger;
  clock?: Clock;
  /** How the PostgreSQL scheduler and the outbox workers sleep; tests pass manual time. */
  timers?: Timers;
  /** Defaults to PostgreSQL durable timers; pass a DaprJobsScheduler in a cluster. */
  scheduler?: Scheduler;
  /** Hook for metrics and benchmarks (PostgreSQL scheduler only). */
  onRemindersCommitted?: PostgresSchedulerOptions['onCommitted'];
  /**
   * Webhook delivery of reminder firings (on by default). `allowPrivate` defaults to the
   * operator's WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true.
   */
  webhooks?: false | { allowPrivate?: boolean; firstRetryMs?: number };
  /**
   * Reminder emails to verified addresses (off without a sender). `publicUrl` is the base
   * of the links in a mail, asked for when a mail is composed (the launcher's URL is known
   * only once it listens).
   */
  email?: { setup: EmailSetup; publicUrl: () => string; firstRetryMs?: number };
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
      ...(deps.timers ? { timers: deps.timers } : {}),
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
        ...(deps.timers ? { timers: deps.timers } : {}),
        allowPrivate: webhookOptions.allowPrivate ?? privateAddressesAllowed(),
        firstRetryMs: webhookOptions.firstRetryMs,
      })
    : null;
  await worker?.start();
  const sender = deps.email?.setup.sender;
  const mailer =
    deps.email && sender
      ? new EmailWorker({
          knex: deps.knex,
          connectionString: deps.connectionString,
          eventStore: deps.eventStore,
          logger: deps.logger,
          clock: deps.clock ?? systemClock,
          ...(deps.timers ? { timers: deps.timers } : {}),
          sender,
          links: deps.email.setup.links,
          publicUrl: deps.email.publicUrl,
          messageIdDomain: deps.email.setup.messageIdDomain,
          ...(deps.email.firstRetryMs ? { firstRetryMs: deps.email.firstRetryMs } : {}),
        })
      : null;
  await mailer?.start();
  // One consumer for them all: one checkpoint transaction per batch instead of one each
  // (each reminder firing is an event every consumer must read past).
  const handlers: BatchHandler[] = [
    recurrenceHandler(deps.eventStore, deps.logger),
    reminderHandler(deps.eventStore, scheduler),
  ];
  if (worker) handlers.push(webhookEnqueueHandler(deps.clock ?? systemClock, () => worker.wake()));
  if (mailer) handlers.push(emailEnqueueHandler(() => mailer.wake()));
  // Their effects (a next occurrence, a job, an outbox row) need not follow within a few ms:
  // under load a drain every 50 ms, not 15, cut the sagas' transactions to a third (at 500
  // creates/s the sagas took more transactions than the tasks projection). At low load, a
  // batch waits 10 ms after a quiet spell, until the projection and the realtime fan-out of
  // the same write have had the cores (issue 13).
  const subscription = deps.eventLog.subscribe(
    SAGAS_CONSUMER,
    async (events, trx) => {
      for (const handle of handlers) await handle(events, trx);
    },
    { minDrainSpacingMs: SAGAS_DRAIN_SPACING_MS, wakeDelayMs: SAGAS_WAKE_DELAY_MS },
  );
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
      await mailer?.stop();
    },
  };
}
