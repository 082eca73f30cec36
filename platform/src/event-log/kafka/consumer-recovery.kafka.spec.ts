import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendTestEvents } from '../conformance/append-events.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from './testing/test-kafka.ts';

let env: KafkaTestEnv;
beforeAll(async () => {
  env = await createKafkaTestEnv(2);
});
afterAll(async () => env.close());

/** A bounded wait for liveness: the promise, or a failure that says what never happened. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('a consumer that kafkajs gives up on', () => {
  // kafkajs restarts a crashed consumer only when it deems the error retriable. It gives up
  // for good on a TypeError from a handler, and on "Failed to find group coordinator" (seen
  // when the broker went away while a member was looking for its coordinator); the member
  // then never comes back, and its process looks alive.
  it('is replaced by a new one that joins the group and applies every event once', async () => {
    await env.db.knex.raw('create table recovery_effects (event_id text not null)');
    const consumer = `recovery-${randomUUID()}`;
    let failures = 1;
    const subscription = env.log.subscribe(consumer, async (events, trx) => {
      if (failures-- > 0) throw new TypeError('a handler bug kafkajs treats as unrecoverable');
      await trx('recovery_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    const written = await appendTestEvents(env.store, randomUUID(), 5);
    await env.relay.caughtUp();

    await within(subscription.joined(), 30_000, 'the consumer did not join its group');
    await within(subscription.caughtUp(), 30_000, 'the consumer did not apply the events');
    await subscription.stop();
    const rows = await env.db.knex('recovery_effects').select('event_id');
    expect(rows.map((r) => r.event_id).sort()).toEqual(written.map((e) => e.id).sort());
    expect(failures).toBeLessThan(0);
  });
});
