import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { appendTestEvents } from '../conformance/append-events.ts';
import { restartTestBroker } from './testing/restart-test-broker.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from './testing/test-kafka.ts';

let env: KafkaTestEnv;
beforeAll(async () => {
  env = await createKafkaTestEnv(3);
});
afterAll(async () => env.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a broker stopped and restarted under load', () => {
  it('the relay and the consumers reconnect and catch up: nothing lost, nothing doubled', async () => {
    const users = Array.from({ length: 5 }, () => randomUUID());
    // No unique key: a doubled effect shows up as a second row instead of a retry loop.
    await env.db.knex.raw(
      'create table restart_effects (event_id text not null, user_id text, userseq bigint, n serial)',
    );
    const consumer = `restart-${randomUUID()}`;
    const handler = async (
      events: AnyEnvelope[],
      trx: Parameters<Parameters<typeof env.log.subscribe>[1]>[1],
    ) => {
      await trx('restart_effects').insert(
        events.map((e) => ({ event_id: e.id, user_id: e.userid, userseq: e.userseq })),
      );
    };
    const a = env.log.subscribe(consumer, handler, { batchSize: 20 });
    const b = env.log.subscribe(consumer, handler, { batchSize: 20 });

    let writing = true;
    const written: AnyEnvelope[] = [];
    const writers = users.map(async (u) => {
      while (writing) {
        written.push(...(await appendTestEvents(env.store, u, 2)));
        await sleep(5);
      }
    });
    await sleep(500);
    const beforeOutage = written.length;
    await restartTestBroker(1500);
    await sleep(1000);
    writing = false;
    await Promise.all(writers);
    expect(beforeOutage).toBeGreaterThan(0);
    expect(written.length).toBeGreaterThan(beforeOutage);

    await env.relay.caughtUp();
    await Promise.all([a.caughtUp(), b.caughtUp()]);
    await Promise.all([a.stop(), b.stop()]);
    const rows = await env.db.knex('restart_effects').whereIn('user_id', users).orderBy('n');
    expect(rows.map((r) => r.event_id).sort()).toEqual(written.map((e) => e.id).sort());
    for (const u of users) {
      const seqs = rows.filter((r) => r.user_id === u).map((r) => Number(r.userseq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });
});
