import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import { createKnex } from '../db/knex.ts';
import { createLogger } from '../logger.ts';
import { PostgresEventStore } from '../event-store/postgres-event-store.ts';
import { listQuarantined } from '../quarantine/quarantine-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import type { BatchPlanner } from './event-log.ts';
import { PostgresEventLog } from './postgres-event-log.ts';

// A consumer with a `plan` has a plain batch committed in one statement with its checkpoint
// (consumer_advance). It keeps what the transaction gives: each event's effect exactly once,
// with two instances at once; a plan read before something else moved the consumer on is
// refused whole; a bad event is still quarantined.

let db: TestDatabase;
let store: PostgresEventStore;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  await db.knex.raw(`create table planned_effects (event_id uuid not null, via text not null, n int)`);
});
afterAll(async () => db.drop());

const append = (userId: string, n: number) =>
  store.append(randomUUID(), 0, [{ type: 'todo.test.happened.v1', data: { n } }], {
    userId,
    source: 'test',
    correlationId: 'c',
  });

/** The same effect both ways: one row per event, saying which way it was written. */
const rows = (events: AnyEnvelope[], via: string) =>
  events.map((e) => ({ event_id: e.id, via, n: (e.data as { n: number }).n }));
const handler = async (events: AnyEnvelope[], trx: Knex.Transaction) => {
  await trx('planned_effects').insert(rows(events, 'handler'));
};
// The plan takes each event's n from the prefetch (the read of the batch), not from the event.
const PREFETCH = `(events.data->>'n')::int + 1000`;
const planner: BatchPlanner = async (events, knex, prefetched) => ({
  statements: [
    knex('planned_effects').insert(
      rows(events, 'plan').map((row, i) => ({ ...row, n: Number(prefetched[i]) - 1000 })),
    ),
  ],
});

const effectsOf = async (ids: string[]) =>
  (await db.knex('planned_effects').whereIn('event_id', ids).select('event_id', 'via')) as {
    event_id: string;
    via: string;
  }[];

describe('PostgresEventLog: a batch planned outside the transaction', () => {
  it('has each effect exactly once, with its checkpoint, also with two instances at once', async () => {
    const consumer = `planned-${randomUUID()}`;
    // Two instances, each with its own pool, as two processes would be.
    const otherKnex = createKnex(db.connectionString, 4);
    const logs = [
      new PostgresEventLog(db.knex, db.connectionString, logger),
      new PostgresEventLog(otherKnex, db.connectionString, logger),
    ];
    const subs = logs.map((log) =>
      log.subscribe(consumer, handler, { batchSize: 5, plan: planner, prefetch: PREFETCH }),
    );
    const users = Array.from({ length: 4 }, () => randomUUID());
    const writes = await Promise.all(Array.from({ length: 60 }, (_, i) => append(users[i % 4]!, i)));
    await Promise.all(subs.map((s) => s.caughtUp()));
    await Promise.all(subs.map((s) => s.stop()));
    await otherKnex.destroy();

    const ids = writes.map((w) => w.events[0]!.id);
    const effects = await effectsOf(ids);
    const n = new Map(writes.map((w) => [w.events[0]!.id, (w.events[0]!.data as { n: number }).n]));
    const planned = await db.knex('planned_effects').whereIn('event_id', ids).where({ via: 'plan' });
    expect(planned.every((p: { event_id: string; n: number }) => p.n === n.get(p.event_id))).toBe(true);
    // No unique index on the effects: a second effect of an event would be a second row.
    expect(effects).toHaveLength(60);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(60);
    expect(effects.some((e) => e.via === 'plan')).toBe(true);
    const checkpoint = await db.knex('consumer_checkpoints').where({ consumer }).first();
    const last = await db
      .knex('events')
      .orderBy([{ column: 'transaction_id', order: 'desc' }])
      .first();
    expect(String(checkpoint.transaction_id)).toBe(String(last.transaction_id));
  });

  it('is refused whole when the consumer moved on after its read, and applied by the handler', async () => {
    const consumer = `refused-${randomUUID()}`;
    const log = new PostgresEventLog(db.knex, db.connectionString, logger);
    // A first batch gives the consumer its checkpoint row.
    const first = await append(randomUUID(), 1);
    const warmUp = log.subscribe(consumer, handler, { plan: planner, prefetch: PREFETCH });
    await warmUp.caughtUp();
    await warmUp.stop();

    const later = await append(randomUUID(), 2);
    let plans = 0;
    const sub = log.subscribe(consumer, handler, {
      prefetch: PREFETCH,
      plan: async (events, knex, prefetched) => {
        // Another writer of the consumer's effects (an operator retry, the replay's swap)
        // commits between this batch's read and its commit.
        if (plans++ === 0) {
          await db.knex('consumer_checkpoints').where({ consumer }).increment('epoch', 1);
        }
        return planner(events, knex, prefetched);
      },
    });
    await sub.caughtUp();
    await sub.stop();

    expect(await effectsOf([first.events[0]!.id])).toEqual([{ event_id: first.events[0]!.id, via: 'plan' }]);
    expect(await effectsOf([later.events[0]!.id])).toEqual([
      { event_id: later.events[0]!.id, via: 'handler' },
    ]);
    expect(plans).toBe(1);
  });

  it('still quarantines an event the plan and the handler cannot apply; the others go on', async () => {
    const consumer = `planned-poison-${randomUUID()}`;
    const log = new PostgresEventLog(db.knex, db.connectionString, logger);
    const refuse = (events: AnyEnvelope[]) => {
      if (events.some((e) => (e.data as { n: number }).n === 113)) throw new Error('cannot apply 113');
    };
    const user = randomUUID();
    const before = await append(user, 112);
    const poison = await append(user, 113);
    const after = await append(user, 114);
    const sub = log.subscribe(
      consumer,
      async (events, trx) => {
        refuse(events);
        await handler(events, trx);
      },
      {
        maxAttempts: 1,
        prefetch: PREFETCH,
        plan: async (events, knex, prefetched) => {
          refuse(events);
          return planner(events, knex, prefetched);
        },
      },
    );
    await sub.caughtUp();
    await sub.stop();

    const ids = [before, poison, after].map((w) => w.events[0]!.id);
    const effects = await effectsOf(ids);
    expect(effects.map((e) => e.event_id).sort()).toEqual([ids[0], ids[2]].sort());
    const quarantined = await listQuarantined(db.knex, { consumer });
    expect(quarantined.map((q) => q.event_id)).toEqual([ids[1]]);
  });
});
