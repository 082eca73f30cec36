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
    dapr || ctx.viaDapr
      ? await createServiceServer('Todo sagas', ctx.logger, ctx.tokens(), ctx.knex, ctx.readiness)
      : null;
  if (app && dapr) await daprJobCallbackRoute(app, { scheduler: dapr });
  const deps = {
    knex: ctx.knex,
    connectionString: ctx.databaseUrl,
    eventStore: new PostgresEventStore(ctx.knex),
    logger: ctx.logger,
    ...(dapr ? { scheduler: dapr } : {}),
  };
  const startOnKafka = async () => {
    const running = await startSagas({ ...deps, eventLog: await ctx.eventLog() });
    // Ready once this instance is a member of the sagas' group (kafkajs may give a member up
    // for good; the supervised consumer replaces it, and this waits for that).
    await running.subscription.joined();
    return running;
  };
  const sagas =
    app && ctx.viaDapr
      ? await startSagas({ ...deps, eventLog: ctx.daprEventLog(app) })
      : await startOnKafka();
  const port = app ? await listen(app, ctx.host, ctx.port) : undefined;
  return {
    ...(port ? { port } : {}),
    stop: async () => {
      await app?.close();
      await sagas.stop();
    },
  };
});
