import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Producer } from 'kafkajs';
import { appendTestEvents } from '../event-log/conformance/append-events.ts';
import { PostgresEventLog } from '../event-log/postgres-event-log.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from '../event-log/kafka/testing/test-kafka.ts';
import { readTopic as readTopicOf } from '../event-log/kafka/testing/read-topic.ts';
import { startRelay } from './outbox-relay.ts';

let env: KafkaTestEnv;
beforeAll(async () => {
  env = await createKafkaTestEnv(3);
});
afterAll(async () => env.close());

const readTopic = () => readTopicOf(env.kafka, env.topic);

describe('outbox relay to Kafka', () => {
  it("publishes each event keyed by its user, as a CloudEvent, one user's events in order", async () => {
    const [u1, u2] = [randomUUID(), randomUUID()];
    const written = [
      ...(await appendTestEvents(env.store, u1, 3)),
      ...(await appendTestEvents(env.store, u2, 2)),
      ...(await appendTestEvents(env.store, u1, 2)),
    ];
    await env.relay.caughtUp();
    const records = (await readTopic()).filter((r) => r.key === u1 || r.key === u2);
    expect(records).toHaveLength(written.length);
    for (const user of [u1, u2]) {
      const mine = records.filter((r) => r.key === user);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      const inOffsetOrder = [...mine].sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(inOffsetOrder.map((r) => r.value.id)).toEqual(
        written.filter((e) => e.userid === user).map((e) => e.id),
      );
    }
    const first = records.find((r) => r.value.id === written[0]!.id)!;
    expect(first.value).toEqual(written[0]);
    expect(first.headers).toEqual({
      ce_id: written[0]!.id,
      ce_type: 'todo.test.happened.v1',
      ce_specversion: '1.0',
      ce_source: 'conformance',
      ce_subject: written[0]!.subject,
      ce_userseq: '1',
      'content-type': 'application/cloudevents+json',
    });
  });

  it('creates the topic as a log of record: nothing expires, partitions as configured', async () => {
    const admin = env.kafka.admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: [env.topic] });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: env.topic, configNames: ['retention.ms', 'cleanup.policy'] }],
    });
    await admin.disconnect();
    expect(meta.topics[0]!.partitions).toHaveLength(3);
    const entries = Object.fromEntries(
      configs.resources[0]!.configEntries.map((c) => [c.configName, c.configValue]),
    );
    expect(entries).toEqual({ 'retention.ms': '-1', 'cleanup.policy': 'delete' });
  });

  it('re-sends a batch whose checkpoint was lost after the broker acked: same ids, effects once', async () => {
    const user = randomUUID();
    await env.relay.stop();
    // The relay's process "dies" right after the broker acknowledged its first batch: the
    // checkpoint transaction rolls back and the next attempt publishes the same events.
    let died = false;
    const dyingProducer = {
      send: async (record: Parameters<Producer['send']>[0]) => {
        const result = await env.producer.send(record);
        if (!died) {
          died = true;
          throw new Error('killed after the ack');
        }
        return result;
      },
    } as Producer;
    const written = await appendTestEvents(env.store, user, 4);
    const relay = startRelay({
      source: new PostgresEventLog(env.db.knex, env.db.connectionString, env.logger),
      producer: dyingProducer,
      topic: env.topic,
      logger: env.logger,
    });
    await relay.caughtUp();
    expect(died).toBe(true);
    const copies = (await readTopic()).filter((r) => r.key === user);
    // Every event is on the topic twice, each copy with the event's own id.
    expect(copies.map((r) => r.headers.ce_id).sort()).toEqual(
      [...written, ...written].map((e) => e.id).sort(),
    );
    await env.db.knex.raw('create table relay_effects (event_id text not null)');
    const sub = env.log.subscribe(`dedup-${randomUUID()}`, async (events, trx) => {
      await trx('relay_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    await sub.caughtUp();
    await sub.stop();
    const rows = await env.db.knex('relay_effects').whereIn(
      'event_id',
      written.map((e) => e.id),
    );
    expect(rows).toHaveLength(written.length);
    env.relay = relay;
  });

  it('resumes from its checkpoint after a stop with no gap while writers keep writing', async () => {
    const users = Array.from({ length: 4 }, () => randomUUID());
    let writing = true;
    const written: AnyEnvelope[] = [];
    const writers = users.map(async (u) => {
      while (writing) written.push(...(await appendTestEvents(env.store, u, 1)));
    });
    let relay = env.relay;
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await relay.stop();
      relay = startRelay({
        source: new PostgresEventLog(env.db.knex, env.db.connectionString, env.logger),
        producer: env.producer,
        topic: env.topic,
        logger: env.logger,
      });
    }
    writing = false;
    await Promise.all(writers);
    await relay.caughtUp();
    env.relay = relay;
    const onTopic = new Set((await readTopic()).map((r) => r.value.id));
    expect(written.length).toBeGreaterThan(10);
    expect(written.filter((e) => !onTopic.has(e.id))).toEqual([]);
  });
});
