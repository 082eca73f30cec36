// One projector instance: a member of the projection's consumer group on the Kafka log.
// Instances split the partitions; positions are kept with the rows they wrote. With
// EVENT_LOG=dapr the log is read through the sidecar's pub/sub: the instance then serves
// the deliveries (and its health) on PORT, and is ready when it listens (the sidecar
// delivers only to an app that listens).
import { runTasksProjection } from '@todo/projectors';
import { runService } from '../service-runtime.ts';
import { createServiceServer, listen } from './http-service.ts';

const READY_WAIT_MS = 15_000;

await runService('projector', async (ctx) => {
  if (ctx.viaDapr) {
    const app = await createServiceServer(
      'Todo projector',
      ctx.logger,
      ctx.tokens(),
      ctx.knex,
      ctx.readiness,
    );
    const subscription = runTasksProjection(ctx.daprEventLog(app));
    const port = await listen(app, ctx.host, ctx.port);
    return {
      port,
      stop: async () => {
        await app.close();
        await subscription.stop();
      },
    };
  }
  const subscription = runTasksProjection(await ctx.eventLog());
  // Ready once this instance is a member of the group (caughtUp alone says nothing of that:
  // on an empty topic it holds at once, and a member kafkajs had given up on stayed out for
  // good), then once it has read what was there (bounded: a long backlog is worked off while
  // ready, as it is after a rebalance).
  await subscription.joined();
  await Promise.race([subscription.caughtUp(), new Promise((r) => setTimeout(r, READY_WAIT_MS))]);
  return { stop: () => subscription.stop() };
});
