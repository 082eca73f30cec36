// One projector instance: a member of the projection's consumer group on the Kafka log.
// Instances split the partitions; positions are kept with the rows they wrote.
import { runTasksProjection } from '@todo/projectors';
import { runService } from '../service-runtime.ts';

const READY_WAIT_MS = 15_000;

await runService('projector', async (ctx) => {
  const subscription = runTasksProjection(await ctx.eventLog());
  // Ready once this instance is a member of the group (caughtUp alone says nothing of that:
  // on an empty topic it holds at once, and a member kafkajs had given up on stayed out for
  // good), then once it has read what was there (bounded: a long backlog is worked off while
  // ready, as it is after a rebalance).
  await subscription.joined();
  await Promise.race([subscription.caughtUp(), new Promise((r) => setTimeout(r, READY_WAIT_MS))]);
  return { stop: () => subscription.stop() };
});
