// One realtime instance: WebSocket and SSE for the browsers. It follows the change feed
// the projectors write in PostgreSQL (LISTEN per instance), so any instance can serve any
// user and a client resumes from its position on whichever instance it reconnects to.
import { realtimeService } from '@todo/realtime';
import { drainAndClose } from '@todo/platform';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

await runService('realtime', async (ctx) => {
  const app = await createServiceServer('Todo realtime', ctx.logger, ctx.tokens(), ctx.knex, ctx.readiness);
  await realtimeService(app, { knex: ctx.knex, connectionString: ctx.databaseUrl, logger: ctx.logger });
  const port = await listen(app, ctx.host, ctx.port);
  return { port, stop: () => drainAndClose(app, { graceMs: Number(process.env.SHUTDOWN_GRACE_MS) || 1000 }) };
});
