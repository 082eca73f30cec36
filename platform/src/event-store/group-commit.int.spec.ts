import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ConcurrencyError, DuplicateEventError, type AppendResult } from './event-store.ts';
import { PostgresEventStore } from './postgres-event-store.ts';

// Appends started in the same turn of the event loop on one store go out as one batch
// (group-commit.ts): these tests start them together and check what each one got.

let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => db.drop());

const as = (userId: string) => ({ userId, source: 'test', correlationId: 'c' });

/** The transaction each appended event was written in. */
async function transactionsOf(results: AppendResult[]): Promise<Set<string>> {
  const ids = results.flatMap((r) => r.events.map((e) => e.id));
  const rows: { transaction_id: string }[] = await db
    .knex('events')
    .whereIn('event_id', ids)
    .select('transaction_id');
  return new Set(rows.map((r) => r.transaction_id));
}

describe('group commit of autocommit appends', () => {
  it('writes the appends of different users that arrive together in one transaction, each in its own user sequence', async () => {
    // Given three users, one of whom has written before
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await store.append(randomUUID(), 0, [{ type: 'before', data: {} }], as(a));
    // When each appends at the same time (one of them two events)
    const results = await Promise.all([
      store.append(randomUUID(), 0, [{ type: 'x', data: { n: 1 } }], as(a)),
      store.append(
        randomUUID(),
        0,
        [
          { type: 'x', data: {} },
          { type: 'y', data: {} },
        ],
        as(b),
      ),
      store.append(randomUUID(), 0, [{ type: 'x', data: { n: 3 } }], as(c)),
    ]);
    // Then all are written, in one transaction, and each user's sequence goes on densely
    expect(await transactionsOf(results)).toHaveProperty('size', 1);
    expect(results.map((r) => r.events.map((e) => Number(e.userseq)))).toEqual([[2], [1, 2], [1]]);
    expect(results.map((r) => r.version)).toEqual([1, 2, 1]);
    expect(results[0]!.events[0]).toMatchObject({ userid: a, data: { n: 1 } });
  });

  it('answers a conflict in the middle of a batch and writes its neighbours', async () => {
    // Given a stream at version 1
    const stream = randomUUID();
    const owner = randomUUID();
    await store.append(stream, 0, [{ type: 'created', data: {} }], as(owner));
    // When a stale append of it arrives together with two others
    const [first, stale, last] = await Promise.allSettled([
      store.append(randomUUID(), 0, [{ type: 'x', data: {} }], as(randomUUID())),
      store.append(stream, 0, [{ type: 'stale', data: {} }], as(owner)),
      store.append(randomUUID(), 0, [{ type: 'x', data: {} }], as(randomUUID())),
    ]);
    // Then only the stale one is refused, with the stream's version
    expect(stale).toMatchObject({
      status: 'rejected',
      reason: { name: 'ConcurrencyError', actualVersion: 1 },
    });
    expect(first.status).toBe('fulfilled');
    expect(last.status).toBe('fulfilled');
    expect((await store.readStream(stream)).events.map((e) => e.type)).toEqual(['created']);
  });

  it('refuses a repeated event id per append, also one repeated within the batch', async () => {
    // Given an event id already in the log
    const known = randomUUID();
    await store.append(randomUUID(), 0, [{ id: known, type: 'a', data: {} }], as(randomUUID()));
    const fresh = randomUUID();
    // When appends arrive together: one repeating the known id, two sharing a new id
    const results = await Promise.allSettled([
      store.append(randomUUID(), 0, [{ id: known, type: 'again', data: {} }], as(randomUUID())),
      store.append(randomUUID(), 0, [{ id: fresh, type: 'first', data: {} }], as(randomUUID())),
      store.append(randomUUID(), 0, [{ id: fresh, type: 'second', data: {} }], as(randomUUID())),
      store.append(randomUUID(), 0, [{ type: 'other', data: {} }], as(randomUUID())),
    ]);
    // Then the repeats are refused, the first holder of the new id and the other one written
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    const rows: { type: string }[] = await db.knex('events').where({ event_id: fresh }).select('type');
    expect(rows).toEqual([{ type: 'first' }]);
  });

  it('keeps arrival order for one user twice in a batch: the second append sees the first', async () => {
    // Given one user
    const user = randomUUID();
    const stream = randomUUID();
    // When the user creates a stream, moves it on and starts another, all at once
    const results = await Promise.allSettled([
      store.append(stream, 0, [{ type: 'created', data: {} }], as(user)),
      store.append(stream, 1, [{ type: 'changed', data: {} }], as(user)),
      store.append(randomUUID(), 0, [{ type: 'other', data: {} }], as(user)),
      store.append(stream, 1, [{ type: 'stale', data: {} }], as(user)),
    ]);
    // Then the first three are written in that order and the last one lost the race
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const written = results.slice(0, 3).map((r) => (r as PromiseFulfilledResult<AppendResult>).value);
    expect(written.map((r) => Number(r.events[0]!.userseq))).toEqual([1, 2, 3]);
    expect(await transactionsOf(written)).toHaveProperty('size', 1);
    expect((await store.readStream(stream)).events.map((e) => e.type)).toEqual(['created', 'changed']);
  });

  it('does not fail the neighbours of an append the database raises on', async () => {
    // Given an append that PostgreSQL refuses with an error (a stream id that is no uuid)
    const bad = store.append('not-a-uuid', 0, [{ type: 'x', data: {} }], as(randomUUID()));
    // When it arrives together with good ones
    const results = await Promise.allSettled([
      store.append(randomUUID(), 0, [{ type: 'x', data: {} }], as(randomUUID())),
      bad,
      store.append(randomUUID(), 0, [{ type: 'x', data: {} }], as(randomUUID())),
    ]);
    // Then only that one fails, with the database's error
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '22P02' });
  });

  it('keeps each user sequence dense and in log order under concurrent batches', async () => {
    // Given 8 users and two stores (two group commits whose batches overlap in users)
    const users = Array.from({ length: 8 }, () => randomUUID());
    const stores = [store, new PostgresEventStore(db.knex)];
    // When 8 writers per store append 25 times each, every writer cycling through the users
    await Promise.all(
      stores.flatMap((s, si) =>
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 25; i++) {
            const user = users[(w + i + si * 3) % users.length]!;
            await s.append(randomUUID(), 0, [{ type: 'x', data: {} }], as(user));
          }
        }),
      ),
    );
    // Then read in log order (transaction id, position), each user's sequence is 1, 2, 3, …
    const rows: { user_id: string; user_seq: string }[] = await db
      .knex('events')
      .whereIn('user_id', users)
      .orderBy([{ column: 'transaction_id' }, { column: 'position' }])
      .select('user_id', 'user_seq');
    expect(rows).toHaveLength(2 * 8 * 25);
    const next = new Map<string, number>();
    const outOfOrder = rows.filter((r) => {
      const expected = (next.get(r.user_id) ?? 0) + 1;
      next.set(r.user_id, Number(r.user_seq));
      return Number(r.user_seq) !== expected;
    });
    expect(outOfOrder).toEqual([]);
  });
});
