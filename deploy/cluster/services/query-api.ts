// The read side as its own process: serves the projections the projectors keep.
import { queryApi } from '@todo/query-api';
import { UserRepository } from '@todo/command-api';
import { drainAndClose, systemClock } from '@todo/platform';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

await runService('query-api', async (ctx) => {
  const app = await createServiceServer('Todo query API', ctx.logger, ctx.tokens(), ctx.knex, ctx.readiness);
  await queryApi(app, {
    knex: ctx.knex,
    clock: systemClock,
    userZones: new UserRepository(ctx.knex, systemClock),
  });
  const port = await listen(app, ctx.host, ctx.port);
  return { port, stop: () => drainAndClose(app, { graceMs: Number(process.env.SHUTDOWN_GRACE_MS) || 1000 }) };
});
