import { appendTestEvents } from '../conformance/append-events.ts';
import { describeEventLogConformance } from '../conformance/event-log-conformance.ts';
import { createKafkaTestEnv } from '../kafka/testing/test-kafka.ts';
import { deadLetterTopic } from '../kafka/topics.ts';
import { AppPerConsumerDaprLog } from './testing/app-per-consumer-log.ts';
import { TEST_PUBSUB, useDaprRelay } from './testing/dapr-relay.ts';

// The real thing end to end: events stored in PostgreSQL, relayed through the relay's own
// daprd to a real Kafka topic, read by real daprd sidecars through the repository's pub/sub component, delivered over
// HTTP to the DaprEventLog of each app.
describeEventLogConformance('Dapr pub/sub (real daprd 1.16 over real Kafka)', async () => {
  const env = await createKafkaTestEnv(4);
  const relayApp = await useDaprRelay(env);
  const log = new AppPerConsumerDaprLog({
    knex: env.db.knex,
    logger: env.logger,
    pubsubName: TEST_PUBSUB,
    topic: env.topic,
    deadLetterTopic: deadLetterTopic(env.topic),
  });
  return {
    log,
    knex: env.db.knex,
    append: async (userId, count) => {
      const events = await appendTestEvents(env.store, userId, count);
      await env.relay.caughtUp();
      return events;
    },
    close: async () => {
      await log.close();
      await env.close();
      await relayApp.stop();
    },
  };
});
