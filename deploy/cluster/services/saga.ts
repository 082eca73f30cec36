// One saga instance: recurrence and reminders. Instances share the sagas' consumer group on
// the Kafka log (each event is handled by one of them, its effect written with its
// position). Reminders use the PostgreSQL durable timers (each fires once across
// instances), or the Dapr Jobs API with REMINDER_SCHEDULER=dapr, in which case this process
// also serves the sidecar's job callbacks on PORT. With EVENT_LOG=dapr the log is read
// through the sidecar's pub/sub (the route is registered before the server listens).
// Reminder emails go through SMTP_URL, or with EMAIL_BINDING through the sidecar's SMTP
// binding; their links point at PUBLIC_URL (the gateway's public address).
import { loadConfig, PostgresEventStore } from '@todo/platform';
import { daprJobCallbackRoute, daprSchedulerFromEnv, emailSetup, startSagas } from '@todo/sagas';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

/** Where the links of a mail point without PUBLIC_URL: the gateway's default address. */
const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:8080';

await runService('saga', async (ctx) => {
  const dapr = daprSchedulerFromEnv(ctx.logger, ctx.knex);
  const email = emailSetup(loadConfig(), ctx.tokens());
  if (email.sender && !email.publicUrl)
    ctx.logger.warn(`PUBLIC_URL is not set: the links in reminder emails point at ${DEFAULT_PUBLIC_URL}`);
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
    email: { setup: email, publicUrl: () => email.publicUrl ?? DEFAULT_PUBLIC_URL },
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
