import { createLogger } from '../../logger.ts';
import { PostgresEventStore } from '../../event-store/postgres-event-store.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { PostgresEventLog } from '../postgres-event-log.ts';
import { appendTestEvents } from './append-events.ts';
import { describeEventLogConformance } from './event-log-conformance.ts';

describeEventLogConformance('PostgreSQL', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.knex);
  return {
    log: new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    knex: db.knex,
    append: (userId, count) => appendTestEvents(store, userId, count),
    close: () => db.drop(),
  };
});
