// One saga instance: recurrence and reminders. Instances share the sagas' consumer group on
// the Kafka log (each event is handled by one of them, its effect written with its
// position). Reminders use the PostgreSQL durable timers (each fires once across
// instances), or the Dapr Jobs API with REMINDER_SCHEDULER=dapr, in which case this process
// also serves the sidecar's job callbacks on PORT. With EVENT_LOG=dapr the log is read
// through the sidecar's pub/sub (the route is registered before the server listens).
import { PostgresEventStore } from '@todo/platform';
import { daprJobCallbackRoute, daprSchedulerFromEnv, startSagas } from '@todo/sagas';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

await runService('saga', async (ctx) => {
  const dapr = daprSchedulerFromEnv(ctx.logger);
  // EVENT_LOG=dapr: read the log through the sidecar's pub/sub instead of kafkajs.
  const app =
    dapr || ctx.viaDapr ? await createServiceServer('Todo sagas', ctx.logger, ctx.tokens(), ctx.knex) : null;
  if (app && dapr) await daprJobCallbackRoute(app, { scheduler: dapr });
  const eventLog = app && ctx.viaDapr ? ctx.daprEventLog(app) : await ctx.eventLog();
  const sagas = await startSagas({
    knex: ctx.knex,
    connectionString: ctx.databaseUrl,
    eventLog,
    eventStore: new PostgresEventStore(ctx.knex),
    logger: ctx.logger,
    ...(dapr ? { scheduler: dapr } : {}),
  });
  const port = app ? await listen(app, ctx.host, ctx.port) : undefined;
  return {
    ...(port ? { port } : {}),
    stop: async () => {
      await app?.close();
      await sagas.stop();
    },
  };
});
