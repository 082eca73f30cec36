import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import { listQuarantined, requestRetry } from '../../quarantine/quarantine-store.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from './testing/test-kafka.ts';

// The kafkajs adapter on a real broker: a record its handler cannot apply is set aside and
// the partition goes on past it; later events of its stream are parked; an operator retry
// re-applies them once the fault is gone.

let env: KafkaTestEnv;
beforeAll(async () => {
  env = await createKafkaTestEnv(2);
  await env.db.knex.raw('create table kq_effects (event_id text primary key, n serial)');
});
afterAll(async () => env.close());

async function write(userId: string, streamId: string, version: number, data: Record<string, unknown>) {
  const { events } = await env.store.append(streamId, version, [{ type: 'todo.test.happened.v1', data }], {
    userId,
    source: 'test',
    correlationId: randomUUID(),
  });
  return events[0]!;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const effectIds = async () =>
  (await env.db.knex('kq_effects').orderBy('n').select('event_id')).map(
    (r: { event_id: string }) => r.event_id,
  );

describe('KafkaEventLog: a record its consumer cannot apply', () => {
  it('is quarantined, the partition goes on, its stream is parked, and a retry applies it after the fix', async () => {
    const consumer = `kq-${randomUUID()}`;
    const alice = randomUUID();
    const stream = randomUUID();
    const bad = await write(alice, stream, 0, { fail: true });
    const later = await write(alice, stream, 1, {});
    const alicesOther = await write(alice, randomUUID(), 0, {});
    const bobs = await write(randomUUID(), randomUUID(), 0, {});
    await env.relay.caughtUp();
    let faulty = true;
    const sub = env.log.subscribe(
      consumer,
      async (events: AnyEnvelope[], trx: Knex.Transaction) => {
        if (faulty && events.some((e) => (e.data as { fail?: boolean }).fail))
          throw new Error('cannot apply');
        await trx('kq_effects').insert(events.map((e) => ({ event_id: e.id })));
      },
      { maxAttempts: 2 },
    );
    try {
      await sub.caughtUp();
      expect(new Set(await effectIds())).toEqual(new Set([alicesOther.id, bobs.id]));
      const rows = await listQuarantined(env.db.knex, { consumer });
      expect(rows.map((r) => [r.event_id, r.blocked_by, r.attempts])).toEqual([
        [bad.id, null, 2],
        [later.id, bad.id, 0],
      ]);
      expect(rows[0]!.cursor).toMatch(new RegExp(`^${env.topic.replace(/\./g, '\\.')}/\\d+@\\d+$`));

      faulty = false;
      await requestRetry(env.db.knex, { consumer });
      await until(async () => (await listQuarantined(env.db.knex, { consumer })).length === 0, 'the retry');
      expect((await effectIds()).slice(-2)).toEqual([bad.id, later.id]);
    } finally {
      await sub.stop();
    }
  });
});
