import type { Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createKafka, type KafkaSettings } from './kafka-config.ts';
import { KafkaEventLog } from './kafka-event-log.ts';
import { ensureTopics } from './topics.ts';

export interface OpenKafka {
  kafka: Kafka;
  log: KafkaEventLog;
  close(): Promise<void>;
}

/**
 * Connects a process to the Kafka log of record: makes sure the topics exist (idempotent,
 * so any process may start first) and gives the EventLog its consumers subscribe through.
 */
export async function openKafkaEventLog(
  settings: KafkaSettings,
  knex: Knex,
  logger: Logger,
): Promise<OpenKafka> {
  const kafka = createKafka(settings, logger);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, settings);
  } finally {
    await admin.disconnect();
  }
  const log = new KafkaEventLog({ kafka, knex, topic: settings.topic, logger });
  return { kafka, log, close: () => log.close() };
}
