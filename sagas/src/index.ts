import type { Clock, EventLog, EventStore, Knex, Logger } from '@todo/platform';
import { systemClock } from '@todo/platform';
import { startRecurrenceSaga } from './recurrence/recurrence-saga.ts';
import { fireReminderHandler } from './reminders/fire-reminder.ts';
import { startReminderSaga } from './reminders/reminder-saga.ts';
import { PostgresScheduler, type PostgresSchedulerOptions } from './scheduler/postgres-scheduler.ts';
import type { Scheduler } from './scheduler/scheduler.ts';

export { sagaMigrations } from './schema.ts';
export type { Scheduler } from './scheduler/scheduler.ts';
export { PostgresScheduler } from './scheduler/postgres-scheduler.ts';
export { DaprJobsScheduler } from './scheduler/dapr-jobs-scheduler.ts';
export { nextOccurrence } from './recurrence/next-occurrence.ts';

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
}

export interface RunningSagas {
  scheduler: Scheduler;
  /** Resolves when both sagas have handled everything committed before the call. */
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
  return {
    scheduler,
    caughtUp: async () => {
      await Promise.all([recurrence.caughtUp(), reminders.caughtUp()]);
    },
    stop: async () => {
      await Promise.all([recurrence.stop(), reminders.stop()]);
      await scheduler.stop();
    },
  };
}
