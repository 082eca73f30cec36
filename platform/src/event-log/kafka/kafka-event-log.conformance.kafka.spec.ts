import { appendTestEvents } from '../conformance/append-events.ts';
import { describeEventLogConformance } from '../conformance/event-log-conformance.ts';
import { createKafkaTestEnv } from './testing/test-kafka.ts';

describeEventLogConformance('Kafka (kafkajs, relayed from the PostgreSQL store)', async () => {
  const env = await createKafkaTestEnv();
  return {
    log: env.log,
    knex: env.db.knex,
    append: async (userId, count) => {
      const events = await appendTestEvents(env.store, userId, count);
      await env.relay.caughtUp();
      return events;
    },
    close: env.close,
  };
});
