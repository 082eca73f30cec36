// One saga instance: recurrence and reminders. Instances share each saga's consumer group
// on the Kafka log (each event is handled by one of them, its effect written with its
// position), and the durable PostgreSQL timers fire each reminder once across instances.
import { PostgresEventStore } from '@todo/platform';
import { startSagas } from '@todo/sagas';
import { runService } from '../service-runtime.ts';

await runService('saga', async (ctx) => {
  const sagas = await startSagas({
    knex: ctx.knex,
    connectionString: ctx.databaseUrl,
    eventLog: await ctx.eventLog(),
    eventStore: new PostgresEventStore(ctx.knex),
    logger: ctx.logger,
  });
  return { stop: () => sagas.stop() };
});
