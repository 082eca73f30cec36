// The outbox relay: PostgreSQL event store → Kafka topic, in log order. Several may run;
// the log's per-consumer lock keeps exactly one publishing at a time. With
// RELAY_PUBLISH=dapr it publishes through its Dapr sidecar (DAPR_HTTP_PORT, the pub/sub
// component DAPR_PUBSUB); otherwise with kafkajs, the mode without a sidecar. Either way
// the topics are created first (the broker does not auto-create them, and a publish to a
// missing topic would trip the Dapr component's circuit breaker).
import {
  connectIdempotentProducer,
  createKafka,
  daprPublisher,
  ensureTopics,
  kafkaPublisher,
  kafkaSettingsFromEnv,
  PostgresEventLog,
  startRelay,
} from '@todo/platform';
import { runService } from '../service-runtime.ts';

await runService('relay', async (ctx) => {
  const settings = kafkaSettingsFromEnv();
  if (!settings) throw new Error('KAFKA_BROKERS is required');
  const kafka = createKafka(settings, ctx.logger);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, settings);
  await admin.disconnect();
  const viaDapr = process.env.RELAY_PUBLISH === 'dapr';
  const producer = viaDapr ? null : await connectIdempotentProducer(kafka);
  const relay = startRelay({
    source: new PostgresEventLog(ctx.knex, ctx.databaseUrl, ctx.logger),
    publish: producer
      ? kafkaPublisher(producer, settings.topic)
      : daprPublisher({
          daprHttpUrl: `http://127.0.0.1:${process.env.DAPR_HTTP_PORT ?? '3500'}`,
          pubsubName: process.env.DAPR_PUBSUB ?? 'task-events',
          topic: settings.topic,
          ...(process.env.DAPR_API_TOKEN ? { daprApiToken: process.env.DAPR_API_TOKEN } : {}),
        }),
    topic: settings.topic,
    logger: ctx.logger,
  });
  return {
    stop: async () => {
      await relay.stop();
      await producer?.disconnect();
    },
  };
});
