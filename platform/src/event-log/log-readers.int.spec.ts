import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { PostgresEventStore } from '../event-store/postgres-event-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { LOG_START } from './event-log.ts';
import { readLogBatch } from './postgres-event-log.ts';

let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  await db.knex.raw('create table scratch (id serial primary key, n int)');
});
afterAll(async () => db.drop());

const append = (store: PostgresEventStore) =>
  store.append(randomUUID(), 0, [{ type: 't', data: {} }], {
    userId: randomUUID(),
    source: 'test',
    correlationId: 'c',
  });

/** Gives the transaction its id with a write that is not an event; answers the id. */
async function takeId(trx: Knex.Transaction): Promise<bigint> {
  await trx('scratch').insert({ n: 1 });
  const { rows } = await trx.raw('select pg_current_xact_id()::text as xid');
  return BigInt(rows[0].xid);
}

/**
 * The horizon of a snapshot whose only transaction in flight is `xid`. The snapshot is
 * written out rather than taken, so that other tests' transactions on the same server
 * cannot hold the horizon back: what is looked at is only how `xid` is counted.
 */
async function horizonWithOnlyInFlight(xid: bigint): Promise<bigint> {
  const { rows } = await db.knex.raw('select log_horizon(?::pg_snapshot)::text as h', [
    `${xid}:${xid + 1n}:${xid}`,
  ]);
  return BigInt(rows[0].h);
}

describe('log readers (transactions declared never to append)', () => {
  it('a declared reader in flight does not hold the horizon back; any other transaction does', async () => {
    const reader = await db.knex.transaction();
    const other = await db.knex.transaction();
    try {
      const { rows } = await reader.raw('select declare_log_reader() as declared');
      expect(rows[0].declared).toBe(true);
      const readerId = await takeId(reader);
      const otherId = await takeId(other);
      expect(await horizonWithOnlyInFlight(readerId)).toBe(readerId + 1n);
      expect(await horizonWithOnlyInFlight(otherId)).toBe(otherId);
    } finally {
      await reader.rollback();
      await other.rollback();
    }
  });

  it('a transaction that already has its id is not declared, and still holds the horizon back', async () => {
    const late = await db.knex.transaction();
    try {
      const id = await takeId(late);
      const { rows } = await late.raw('select declare_log_reader() as declared');
      expect(rows[0].declared).toBe(false);
      expect(await horizonWithOnlyInFlight(id)).toBe(id);
    } finally {
      await late.rollback();
    }
  });

  it('a declared reader waiting for a writer does not make the writer look like a reader', async () => {
    const writer = await db.knex.transaction();
    const reader = await db.knex.transaction();
    try {
      const [row] = await db.knex('scratch').insert({ n: 0 }).returning('id');
      await writer('scratch').where({ id: row.id }).update({ n: 2 });
      const writerId = BigInt((await writer.raw('select pg_current_xact_id()::text as xid')).rows[0].xid);
      await reader.raw('select declare_log_reader()');
      // Blocks on the writer's row lock: the reader now waits for a lock on the writer's id.
      const waiting = reader('scratch')
        .where({ id: row.id })
        .update({ n: 3 })
        .then(() => undefined);
      let readerWaits = false;
      for (let tries = 0; tries < 2000 && !readerWaits; tries++) {
        const { rows } = await db.knex.raw(
          `select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted
              and transactionid::text::bigint = ?`,
          [String(writerId % 4294967296n)],
        );
        readerWaits = rows[0].n > 0;
        if (!readerWaits) await new Promise((r) => setTimeout(r, 5));
      }
      expect(readerWaits).toBe(true);
      expect(await horizonWithOnlyInFlight(writerId)).toBe(writerId);
      await writer.rollback();
      await waiting;
    } finally {
      if (!writer.isCompleted()) await writer.rollback();
      await reader.rollback();
    }
  });

  it('refuses an append in a declared reader, and the transaction learns it at once', async () => {
    const reader = await db.knex.transaction();
    try {
      await reader.raw('select declare_log_reader()');
      await expect(append(store.in(reader))).rejects.toMatchObject({ code: '25006' });
    } finally {
      await reader.rollback();
    }
  });

  it('still holds back the events behind a transaction in flight that has not declared itself', async () => {
    const pending = await db.knex.transaction();
    try {
      await takeId(pending);
      const later = await append(store);
      const read = await readLogBatch(db.knex, LOG_START, 100_000);
      expect(read.events.map((e) => e.id)).not.toContain(later.events[0]!.id);
      // It may still append, below the later event: the reader had to wait for it.
      const own = await append(store.in(pending));
      expect(own.events).toHaveLength(1);
    } finally {
      await pending.rollback();
    }
  });
});
