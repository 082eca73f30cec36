import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { createLogger } from '../../../logger.ts';
import { PostgresEventStore } from '../../../event-store/postgres-event-store.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import type { Subscription } from '../../event-log.ts';
import { PostgresEventLog } from '../../postgres-event-log.ts';
import { startRelay } from '../../../relay/outbox-relay.ts';
import { connectIdempotentProducer } from '../../../relay/kafka-producer.ts';
import { createKafka } from '../kafka-config.ts';
import { KafkaEventLog } from '../kafka-event-log.ts';
import { ensureTopics } from '../topics.ts';
import type { BrokerState } from './broker.ts';

export function testBrokerFile(): string {
  const file = process.env.TEST_KAFKA_INFO;
  if (!file) throw new Error('no test broker: run these tests with npm run test:kafka');
  return file;
}

/** The broker the kafka test project's global setup started (deploy/testing/kafka-global-setup.ts). */
export function testBroker(): BrokerState {
  const file = testBrokerFile();
  if (!existsSync(file)) throw new Error('no test broker: run these tests with npm run test:kafka');
  return JSON.parse(readFileSync(file, 'utf8')) as BrokerState;
}

/** A fresh database and a fresh topic, the relay between them, and the Kafka log on top. */
export interface KafkaTestEnv {
  db: TestDatabase;
  kafka: Kafka;
  topic: string;
  store: PostgresEventStore;
  producer: Producer;
  relay: Subscription;
  log: KafkaEventLog;
  logger: Logger;
  close(): Promise<void>;
}

export async function createKafkaTestEnv(partitions = 4): Promise<KafkaTestEnv> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const db = await createTestDatabase();
  const kafka = createKafka({ brokers: [testBroker().brokers], clientId: 'todo-test' }, logger);
  const topic = `test.task-events.${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, { topic, partitions, replicationFactor: 1, minInsyncReplicas: 1 });
  await admin.disconnect();
  const producer = await connectIdempotentProducer(kafka);
  const relay = startRelay({
    source: new PostgresEventLog(db.knex, db.connectionString, logger),
    producer,
    topic,
    logger,
  });
  const log = new KafkaEventLog({ kafka, knex: db.knex, topic, logger, sessionTimeoutMs: 6000 });
  const env: KafkaTestEnv = {
    db,
    kafka,
    topic,
    store: new PostgresEventStore(db.knex),
    producer,
    relay,
    log,
    logger,
    close: async () => {
      // A test may have replaced the relay (to crash or restart it): stop the current one.
      await env.relay.stop();
      await producer.disconnect();
      await log.close();
      await db.drop();
    },
  };
  return env;
}
