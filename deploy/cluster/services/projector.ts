// One projector instance: a member of the projection's consumer group on the Kafka log.
// Instances split the partitions; positions are kept with the rows they wrote.
import { runTasksProjection } from '@todo/projectors';
import { runService } from '../service-runtime.ts';

await runService('projector', async (ctx) => {
  const subscription = runTasksProjection(await ctx.eventLog());
  return { stop: () => subscription.stop() };
});
