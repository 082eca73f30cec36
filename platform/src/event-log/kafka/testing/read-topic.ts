import { randomUUID } from 'node:crypto';
import type { AnyEnvelope } from '@todo/contracts';
import type { Kafka } from 'kafkajs';
import { headerString } from '../event-message.ts';

/** One record of the topic as a test looks at it. */
export interface TopicRecord {
  partition: number;
  offset: string;
  key: string;
  headers: { [name: string]: string | undefined };
  /** The value, parsed as JSON (an envelope when the relay wrote it). */
  value: AnyEnvelope;
}

const HEADERS = [
  'ce_id',
  'ce_type',
  'ce_specversion',
  'ce_source',
  'ce_subject',
  'ce_userseq',
  'content-type',
];

/** Everything on the topic, read with a plain consumer of its own (no group offsets). */
export async function readTopic(kafka: Kafka, topic: string): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: TopicRecord[] = [];
  await new Promise<void>((resolve) => {
    if (total === 0) resolve();
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({
          partition,
          offset: message.offset,
          key: message.key!.toString(),
          headers: Object.fromEntries(HEADERS.map((h) => [h, headerString(message.headers, h)])),
          value: JSON.parse(message.value!.toString()) as AnyEnvelope,
        });
        if (records.length === total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return records;
}
