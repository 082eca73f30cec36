// The write side as its own process: commands are decided against the PostgreSQL event
// store; the relay (its own process) carries the appended events to Kafka. It also mounts
// the chatbot and serves the sagas' webhook and email routes, so the gateway's writes (every
// /api/ route the read side and realtime do not claim) reach them at the same URLs as in
// standalone mode. Its verification mails go through SMTP_URL, or with EMAIL_BINDING through
// its sidecar's SMTP binding.
import { chatbot } from '@todo/chatbot';
import { commandApi, UserRepository } from '@todo/command-api';
import { drainAndClose, loadConfig, PostgresEventStore, randomIds, systemClock } from '@todo/platform';
import { emailActionRoute, emailRoutes, emailSetup, webhookRoutes } from '@todo/sagas';
import { TasksReadModel } from '@todo/projectors';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

await runService('command-api', async (ctx) => {
  const tokens = ctx.tokens();
  const app = await createServiceServer('Todo command API', ctx.logger, tokens, ctx.knex, ctx.readiness);
  const store = new PostgresEventStore(ctx.knex);
  await commandApi(app, {
    knex: ctx.knex,
    store,
    tokens,
    ids: randomIds,
    clock: systemClock,
    listMembers: new TasksReadModel(ctx.knex),
  });
  await chatbot(app, {
    knex: ctx.knex,
    store,
    ids: randomIds,
    clock: systemClock,
    userZones: new UserRepository(ctx.knex, systemClock),
  });
  await webhookRoutes(app, { knex: ctx.knex, clock: systemClock });
  const email = emailSetup(loadConfig(), tokens);
  await emailRoutes(app, { knex: ctx.knex, clock: systemClock, email });
  await emailActionRoute(app, { store, clock: systemClock, email });
  const port = await listen(app, ctx.host, ctx.port);
  return { port, stop: () => drainAndClose(app, { graceMs: Number(process.env.SHUTDOWN_GRACE_MS) || 1000 }) };
});
