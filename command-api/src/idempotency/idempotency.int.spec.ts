import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresEventStore, type AppendResult } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { onceFor } from './idempotency.ts';

let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => db.drop());

const opts = (userId: string) => ({ userId, source: 'test', correlationId: 'c' });

describe('onceFor', () => {
  it("keeps the user's events in log order when another append of the user overlaps the keyed one", async () => {
    const user = randomUUID();
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The keyed request has written its key row and is about to append…
    const keyed = onceFor(db.knex, user, randomUUID(), { n: 1 }, async (trx) => {
      inside();
      await gate;
      await store.in(trx).append(randomUUID(), 0, [{ type: 'keyed', data: {} }], opts(user));
      return { status: 201, body: {} };
    });
    await entered;
    // …when a plain append of the same user comes in: it either commits at once or waits for
    // the user's lock; the keyed request goes on once one of the two is seen.
    let plainDone = false;
    const plain: Promise<AppendResult> = store
      .append(randomUUID(), 0, [{ type: 'plain', data: {} }], opts(user))
      .finally(() => (plainDone = true));
    for (;;) {
      const waiting = await db.knex.raw(
        `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'`,
      );
      if (plainDone || waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    release();
    await Promise.all([keyed, plain]);
    const rows: { user_seq: string }[] = await db
      .knex('events')
      .where({ user_id: user })
      .orderBy([{ column: 'transaction_id' }, { column: 'position' }])
      .select('user_seq');
    expect(rows.map((r) => Number(r.user_seq))).toEqual([1, 2]);
  });
});
