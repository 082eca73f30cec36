import { createKnex, createLogger, PostgresEventStore } from '@todo/platform';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { PostgresScheduler } from '../scheduler/postgres-scheduler.ts';

/**
 * A scheduler process for the kill test: it fires the first due job (appending the
 * reminder-fired event inside its transaction), says FIRING, and then hangs before the
 * commit until the test kills it with SIGKILL.
 */
const connectionString = process.env.TEST_DB_URL!;
const knex = createKnex(connectionString, 4);
const logger = createLogger('silent');
const fire = fireReminderHandler({ eventStore: new PostgresEventStore(knex), logger });
const scheduler = new PostgresScheduler({ knex, connectionString, logger, workers: 1 });
await scheduler.start(async (job, ctx) => {
  await fire(job, ctx);
  process.stdout.write('FIRING\n');
  await new Promise(() => {});
});
process.stdout.write('READY\n');
