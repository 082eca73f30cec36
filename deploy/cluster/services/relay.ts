// The outbox relay: PostgreSQL event store → Kafka topic, in log order. Several may run;
// the log's per-consumer lock keeps exactly one publishing at a time.
import {
  connectIdempotentProducer,
  createKafka,
  ensureTopics,
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
  const producer = await connectIdempotentProducer(kafka);
  const relay = startRelay({
    source: new PostgresEventLog(ctx.knex, ctx.databaseUrl, ctx.logger),
    producer,
    topic: settings.topic,
    logger: ctx.logger,
  });
  return {
    stop: async () => {
      await relay.stop();
      await producer.disconnect();
    },
  };
});
