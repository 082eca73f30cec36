import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendTestEvents } from '../conformance/append-events.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from '../kafka/testing/test-kafka.ts';
import { deadLetterTopic } from '../kafka/topics.ts';
import type { DaprTestApp } from './testing/dapr-test-app.ts';
import { AppPerConsumerDaprLog } from './testing/app-per-consumer-log.ts';
import { TEST_PUBSUB, useDaprRelay } from './testing/dapr-relay.ts';

// What the conformance suite cannot pin down on real daprd: an answer of RETRY must hold the
// event. Dapr 1.16 sends a delivery that failed to the subscription's dead-letter topic once
// its inbound retry policy gives up (no policy: after one attempt), and the partition moves
// on — the event would be skipped. deploy/helm/todo/dapr/resiliency.yaml retries without limit.
let env: KafkaTestEnv;
let relayApp: DaprTestApp;
let log: AppPerConsumerDaprLog;

beforeAll(async () => {
  env = await createKafkaTestEnv(2);
  relayApp = await useDaprRelay(env);
  log = new AppPerConsumerDaprLog({
    knex: env.db.knex,
    logger: env.logger,
    pubsubName: TEST_PUBSUB,
    topic: env.topic,
    deadLetterTopic: deadLetterTopic(env.topic),
  });
});
afterAll(async () => {
  await log?.close();
  await env?.close();
  await relayApp?.stop();
});

async function recordsIn(topic: string): Promise<number> {
  const admin = env.kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DaprEventLog on real daprd', () => {
  it('holds an event the app answers RETRY for until it is applied: nothing dead-lettered or skipped', async () => {
    const user = randomUUID();
    const written = await appendTestEvents(env.store, user, 3);
    await env.relay.caughtUp();
    let failures = 0;
    const applied: string[] = [];
    const sub = log.subscribe(`retry-${randomUUID()}`, async (events) => {
      const mine = events.filter((e) => e.userid === user);
      if (mine.length > 0 && failures < 3) {
        failures++;
        // A lost database connection (SQLSTATE 08006): the infrastructure, not the event, so
        // the adapter answers RETRY and never sets the event aside.
        throw Object.assign(new Error('database away (test)'), { code: '08006' });
      }
      applied.push(...mine.map((e) => e.id));
    });
    const deadline = Date.now() + 60_000;
    while (applied.length < written.length && Date.now() < deadline) {
      if ((await recordsIn(deadLetterTopic(env.topic))) > 0) break;
      await sleep(50);
    }
    await sub.stop();
    expect(await recordsIn(deadLetterTopic(env.topic))).toBe(0);
    expect(failures).toBe(3);
    expect(applied).toEqual(written.map((e) => e.id));
  });

  it('hands a backlog over in bulk: batches of many events, each user in order, each event once', async () => {
    const users: string[] = [randomUUID(), randomUUID()];
    const written = (await Promise.all(users.map((u) => appendTestEvents(env.store, u, 150)))).flat();
    await env.relay.caughtUp();
    const batchSizes: number[] = [];
    const applied: string[] = [];
    const sub = log.subscribe(`bulk-${randomUUID()}`, async (events) => {
      const mine = events.filter((e) => users.includes(e.userid));
      if (mine.length > 0) batchSizes.push(mine.length);
      applied.push(...mine.map((e) => e.id));
    });
    const deadline = Date.now() + 60_000;
    while (applied.length < written.length && Date.now() < deadline) await sleep(50);
    await sub.stop();
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(batchSizes.length).toBeLessThan(written.length);
    for (const user of users) {
      const ids = new Set(written.filter((e) => e.userid === user).map((e) => e.id));
      expect(applied.filter((id) => ids.has(id))).toEqual(
        written.filter((e) => e.userid === user).map((e) => e.id),
      );
    }
    expect(applied).toHaveLength(written.length);
  });
});
