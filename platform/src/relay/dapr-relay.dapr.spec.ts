import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendTestEvents } from '../event-log/conformance/append-events.ts';
import type { DaprTestApp } from '../event-log/dapr/testing/dapr-test-app.ts';
import { useDaprRelay } from '../event-log/dapr/testing/dapr-relay.ts';
import { readTopic } from '../event-log/kafka/testing/read-topic.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from '../event-log/kafka/testing/test-kafka.ts';

// The relay as it runs with a sidecar: PostgreSQL store → real daprd (bulk publish) → real
// Kafka. Read back with plain kafkajs: the records must be what the kafkajs relay writes.
let env: KafkaTestEnv;
let relayApp: DaprTestApp;
beforeAll(async () => {
  env = await createKafkaTestEnv(3);
  relayApp = await useDaprRelay(env);
});
afterAll(async () => {
  await env?.close();
  await relayApp?.stop();
});

describe('outbox relay through the Dapr sidecar', () => {
  it("writes each event raw, keyed by its user, one user's events in order in one partition", async () => {
    const users: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const written = [];
    for (let round = 0; round < 3; round++) {
      for (const u of users) written.push(...(await appendTestEvents(env.store, u, 2)));
    }
    await env.relay.caughtUp();
    const records = (await readTopic(env.kafka, env.topic)).filter((r) => users.includes(r.key));
    expect(records).toHaveLength(written.length);
    for (const user of users) {
      const mine = records.filter((r) => r.key === user).sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      // Raw payload: the value is the stored envelope itself, no CloudEvent wrapped around it.
      expect(mine.map((r) => r.value)).toEqual(written.filter((e) => e.userid === user));
      expect(mine.map((r) => r.headers.ce_id)).toEqual(mine.map((r) => r.value.id));
      expect(mine.map((r) => r.headers.ce_userseq)).toEqual(mine.map((r) => r.value.userseq));
    }
  });

  it('is read by the kafkajs EventLog like the kafkajs relay output', async () => {
    const user = randomUUID();
    const written = await appendTestEvents(env.store, user, 4);
    await env.relay.caughtUp();
    const seen: string[] = [];
    const sub = env.log.subscribe(`kafkajs-reader-${randomUUID()}`, async (events) => {
      seen.push(...events.filter((e) => e.userid === user).map((e) => e.id));
    });
    await sub.caughtUp();
    await sub.stop();
    expect(seen).toEqual(written.map((e) => e.id));
  });
});
