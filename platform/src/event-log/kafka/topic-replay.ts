import { randomUUID } from 'node:crypto';
import type { AnyEnvelope } from '@todo/contracts';
import type { Kafka } from 'kafkajs';
import { fromKafkaValue } from './event-message.ts';

/** Offsets per partition: where a read starts (inclusive) or ends (exclusive). */
export type PartitionOffsets = Map<number, bigint>;

/** The first and the end offsets of every partition of a topic, as of now. */
export async function topicBounds(
  kafka: Kafka,
  topic: string,
): Promise<{ low: PartitionOffsets; high: PartitionOffsets }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return {
      low: new Map(offsets.map((o) => [o.partition, BigInt(o.low)])),
      high: new Map(offsets.map((o) => [o.partition, BigInt(o.high)])),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic directly, for a rebuild: every partition from `from` up to `to`, with a
 * consumer group of its own that is thrown away (the live consumers' positions are not
 * touched). A user's events come in order (one partition); a repeat the relay published
 * twice is dropped by its user sequence (`lastSeqs`, shared across calls), and records that
 * are not events are skipped. `onEvents` is called one batch at a time.
 */
export async function readTopicRange(options: {
  kafka: Kafka;
  topic: string;
  from: PartitionOffsets;
  to: PartitionOffsets;
  lastSeqs: Map<string, bigint>;
  onEvents: (events: AnyEnvelope[]) => Promise<void>;
}): Promise<{ events: number; skipped: number }> {
  const { kafka, topic, from, to, lastSeqs } = options;
  const remaining = new Set([...to.keys()].filter((p) => (from.get(p) ?? 0n) < to.get(p)!));
  let events = 0;
  let skipped = 0;
  if (remaining.size === 0) return { events, skipped };
  const consumer = kafka.consumer({ groupId: `replay-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const p = batch.partition;
        const start = from.get(p) ?? 0n;
        const end = to.get(p) ?? 0n;
        if (!remaining.has(p)) return;
        const batchEvents: AnyEnvelope[] = [];
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < start || offset >= end) continue;
          const decoded = fromKafkaValue(message.value);
          if (!decoded.ok) {
            skipped++;
            continue;
          }
          const seq = BigInt(decoded.event.userseq);
          if (seq <= (lastSeqs.get(decoded.event.userid) ?? 0n)) {
            skipped++;
            continue;
          }
          lastSeqs.set(decoded.event.userid, seq);
          batchEvents.push(decoded.event);
        }
        try {
          if (batchEvents.length > 0) await options.onEvents(batchEvents);
        } catch (error) {
          fail(error);
          throw error;
        }
        events += batchEvents.length;
        const last = batch.messages.at(-1);
        if (last && BigInt(last.offset) + 1n >= end) {
          remaining.delete(p);
          consumer.pause([{ topic, partitions: [p] }]);
          if (remaining.size === 0) finish();
        }
      },
    });
    // A later pass starts where the previous one ended, not at the beginning.
    for (const p of remaining) {
      const start = from.get(p) ?? 0n;
      if (start > 0n) consumer.seek({ topic, partition: p, offset: start.toString() });
    }
    await done;
  } finally {
    await consumer.disconnect();
  }
  return { events, skipped };
}
