import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresEventLog } from '../event-log/postgres-event-log.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from '../event-log/kafka/testing/test-kafka.ts';
import { listQuarantined } from '../quarantine/quarantine-store.ts';
import { startRelay } from './outbox-relay.ts';

// The relay on a real broker that refuses one record for good (larger than the topic
// allows): that event is quarantined, the rest of its user's events are parked behind it
// (the topic is keyed by user), and every other user's events are still published.

let env: KafkaTestEnv;
let smallTopic: string;
beforeAll(async () => {
  env = await createKafkaTestEnv(1);
  smallTopic = `test.small-records.${randomBytes(4).toString('hex')}`;
  const admin = env.kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: smallTopic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '4096' }] },
    ],
  });
  await admin.disconnect();
});
afterAll(async () => env.close());

async function write(userId: string, data: Record<string, unknown>) {
  const { events } = await env.store.append(randomUUID(), 0, [{ type: 'todo.test.happened.v1', data }], {
    userId,
    source: 'test',
    correlationId: randomUUID(),
  });
  return events[0]!;
}

async function publishedIds(): Promise<Set<string>> {
  const admin = env.kafka.admin();
  await admin.connect();
  const [end] = await admin.fetchTopicOffsets(smallTopic);
  await admin.disconnect();
  const total = Number(end!.high);
  const ids = new Set<string>();
  if (total === 0) return ids;
  const consumer = env.kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: smallTopic, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        ids.add((JSON.parse(message.value!.toString()) as { id: string }).id);
        if (++seen === total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return ids;
}

describe('the relay and a record the broker refuses for good', () => {
  it("quarantines it, parks the rest of that user's events, and publishes everyone else's", async () => {
    const alice = randomUUID();
    const huge = await write(alice, { blob: 'x'.repeat(20_000) });
    const alicesNext = await write(alice, { n: 1 });
    const bobs = await write(randomUUID(), { n: 2 });
    const name = `relay-small-${randomUUID()}`;
    const relay = startRelay({
      source: new PostgresEventLog(env.db.knex, env.db.connectionString, env.logger),
      producer: env.producer,
      topic: smallTopic,
      logger: env.logger,
      name,
    });
    try {
      await relay.caughtUp();
    } finally {
      await relay.stop();
    }
    const published = await publishedIds();
    expect(published.has(bobs.id)).toBe(true);
    expect(published.has(huge.id)).toBe(false);
    expect(published.has(alicesNext.id)).toBe(false);
    const rows = await listQuarantined(env.db.knex, { consumer: name });
    expect(rows.map((r) => [r.event_id, r.order_key, r.blocked_by])).toEqual([
      [huge.id, alice, null],
      [alicesNext.id, alice, huge.id],
    ]);
    expect(rows[0]!.attempts).toBe(3);
    expect(rows[0]!.error).toMatch(/too large|MESSAGE_TOO_LARGE|larger/i);
  });
});
