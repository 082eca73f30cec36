import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ConcurrencyError, DuplicateEventError } from './event-store.ts';
import { PostgresEventStore } from './postgres-event-store.ts';

let db: TestDatabase;
let store: PostgresEventStore;
const user = randomUUID();
const opts = { userId: user, source: 'test', correlationId: 'c1' };

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => db.drop());

describe('PostgresEventStore', () => {
  it('appends and reads a stream with versions, positions and a dense per-user sequence', async () => {
    const stream = randomUUID();
    const first = await store.append(stream, 0, [{ type: 'a', data: { n: 1 } }], opts);
    const second = await store.append(
      stream,
      1,
      [
        { type: 'b', data: { n: 2 } },
        { type: 'c', data: {} },
      ],
      opts,
    );
    expect(first.version).toBe(1);
    expect(second.version).toBe(3);
    const read = await store.readStream(stream);
    expect(read.userId).toBe(user);
    expect(read.events.map((e) => [e.type, e.streamversion])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const seqs = read.events.map((e) => BigInt(e.userseq));
    expect(seqs[1]! - seqs[0]!).toBe(1n);
    expect(seqs[2]! - seqs[1]!).toBe(1n);
    expect(read.events[0]).toMatchObject({
      specversion: '1.0',
      subject: stream,
      userid: user,
      correlationid: 'c1',
    });
  });

  it('reads several streams in one call, each as readStream answers it, a missing one included', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const missing = randomUUID();
    await store.append(
      a,
      0,
      [
        { type: 'a1', data: {} },
        { type: 'a2', data: {} },
      ],
      opts,
    );
    await store.append(b, 0, [{ type: 'b1', data: {} }], opts);
    const read = await store.readStreams([b, missing, a.toUpperCase()]);
    expect([...read.keys()]).toEqual([b, missing, a.toUpperCase()]);
    expect(read.get(a.toUpperCase())).toEqual(await store.readStream(a));
    expect(read.get(b)).toEqual(await store.readStream(b));
    expect(read.get(missing)).toEqual({ userId: null, version: 0, events: [] });
    expect(await store.readStreams([])).toEqual(new Map());
  });

  it('lets exactly one of 16 concurrent appends win each version', async () => {
    const stream = randomUUID();
    await store.append(stream, 0, [{ type: 'created', data: {} }], opts);
    for (let round = 1; round <= 3; round++) {
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => store.append(stream, round, [{ type: 'x', data: { i } }], opts)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(15);
      for (const l of lost) expect((l as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    }
    const read = await store.readStream(stream);
    expect(read.version).toBe(4);
    expect(read.events.map((e) => e.streamversion)).toEqual([1, 2, 3, 4]);
  });

  it('refuses to create a stream twice and refuses an id already in the log', async () => {
    const stream = randomUUID();
    const id = randomUUID();
    await store.append(stream, 0, [{ id, type: 'a', data: {} }], opts);
    await expect(store.append(stream, 0, [{ type: 'a', data: {} }], opts)).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(store.append(randomUUID(), 0, [{ id, type: 'a', data: {} }], opts)).rejects.toBeInstanceOf(
      DuplicateEventError,
    );
  });

  it("refuses an append to another user's stream", async () => {
    const stream = randomUUID();
    await store.append(stream, 0, [{ type: 'a', data: {} }], opts);
    await expect(
      store.append(stream, 1, [{ type: 'b', data: {} }], { ...opts, userId: randomUUID() }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(stream)).version).toBe(1);
  });

  it("refuses an append whose transaction had its id before the user's lock and was overtaken", async () => {
    const o = { ...opts, userId: randomUUID() };
    // The id comes first, as a scheduler's row locks give it…
    const early = await db.knex.transaction();
    await early.raw('select pg_current_xact_id()');
    // …and another transaction of the same user appends and commits meanwhile.
    await store.append(randomUUID(), 0, [{ type: 'later', data: {} }], o);
    await expect(
      store.in(early).append(randomUUID(), 0, [{ type: 'early', data: {} }], o),
    ).rejects.toMatchObject({
      code: '40001',
    });
    await early.rollback();
    // Not overtaken: an id taken first is fine.
    const notOvertaken = await db.knex.transaction();
    await notOvertaken.raw('select pg_current_xact_id()');
    await store.in(notOvertaken).append(randomUUID(), 0, [{ type: 'next', data: {} }], o);
    await notOvertaken.commit();
    const rows: { type: string; user_seq: string }[] = await db
      .knex('events')
      .where({ user_id: o.userId })
      .orderBy([{ column: 'transaction_id' }, { column: 'position' }])
      .select('type', 'user_seq');
    expect(rows.map((r) => [r.type, Number(r.user_seq)])).toEqual([
      ['later', 1],
      ['next', 2],
    ]);
  });

  it('sends one NOTIFY at a time: the appends that commit while one is on its way share the next', async () => {
    const own = new PostgresEventStore(db.knex);
    // knex.raw hands every statement to its client's raw.
    const client = db.knex.client as { raw(sql: string, bindings: unknown): Promise<unknown> };
    const raw = client.raw.bind(client);
    let appended = 0;
    const sentAfter: number[] = [];
    let completed = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(client, 'raw').mockImplementation((sql, bindings) => {
      if (!sql.includes('pg_notify')) return raw(sql, bindings);
      sentAfter.push(appended);
      // The first NOTIFY is held on its way, as a busy pool or server would hold it.
      return held.then(() => raw(sql, bindings)).finally(() => completed++);
    });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const append = async () => {
      await own.append(randomUUID(), 0, [{ type: 'a', data: {} }], opts);
      appended++;
    };
    try {
      await append();
      await turn();
      expect(sentAfter).toEqual([1]);
      await append();
      await append();
      await turn();
      expect(sentAfter).toEqual([1]);
      release();
      while (completed < 2) await turn();
      await turn();
      // One more, sent after the last commit, for both appends that came while it was held.
      expect(sentAfter).toEqual([1, 3]);
    } finally {
      spy.mockRestore();
    }
  });

  describe("in(trx), inside a caller's transaction", () => {
    it('appends with the transaction: unseen outside until it commits, gone when it rolls back', async () => {
      const kept = randomUUID();
      const dropped = randomUUID();
      await db.knex.transaction(async (trx) => {
        await store.in(trx).append(kept, 0, [{ type: 'a', data: {} }], opts);
        expect((await store.in(trx).readStream(kept)).version).toBe(1);
        expect((await store.readStream(kept)).version).toBe(0);
      });
      await db.knex
        .transaction(async (trx) => {
          await store.in(trx).append(dropped, 0, [{ type: 'a', data: {} }], opts);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect((await store.readStream(kept)).version).toBe(1);
      expect((await store.readStream(dropped)).version).toBe(0);
    });

    it('answers a lost race and a repeated id without spoiling the transaction', async () => {
      const stream = randomUUID();
      const id = randomUUID();
      await store.append(stream, 0, [{ id, type: 'a', data: {} }], opts);
      const later = randomUUID();
      await db.knex.transaction(async (trx) => {
        const joined = store.in(trx);
        await expect(joined.append(stream, 0, [{ type: 'a', data: {} }], opts)).rejects.toMatchObject({
          name: 'ConcurrencyError',
          actualVersion: 1,
        });
        await expect(
          joined.append(randomUUID(), 0, [{ id, type: 'a', data: {} }], opts),
        ).rejects.toBeInstanceOf(DuplicateEventError);
        await joined.append(later, 0, [{ type: 'b', data: {} }], opts);
      });
      expect((await store.readStream(later)).events.map((e) => e.type)).toEqual(['b']);
    });
  });
});
