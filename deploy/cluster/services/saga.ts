// One saga instance. Instances of a saga share its consumer group: each completion is
// seen by one of them, and the effect (the next occurrence) is written with its position
// and with ids derived from the closing event, so it happens exactly once.
import { startRecurrenceSaga } from '@todo/sagas/recurrence/recurrence-saga.ts';
import { runService } from '../service-runtime.ts';

await runService('saga', async (ctx) => {
  const eventLog = await ctx.eventLog();
  const recurrence = startRecurrenceSaga({ eventLog, logger: ctx.logger });
  return { stop: () => recurrence.stop() };
});
