import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import { createLogger } from '../logger.ts';
import { PostgresEventStore } from '../event-store/postgres-event-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { LOG_START } from './event-log.ts';
import { PostgresEventLog, readLogBatch } from './postgres-event-log.ts';

let db: TestDatabase;
let store: PostgresEventStore;
let log: PostgresEventLog;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  log = new PostgresEventLog(db.knex, db.connectionString, logger);
});
afterAll(async () => db.drop());

const append = (userId: string, n: number, trx?: Knex.Transaction) =>
  (trx ? store.in(trx) : store).append(randomUUID(), 0, [{ type: 't', data: { n } }], {
    userId,
    source: 'test',
    correlationId: 'c',
  });

describe('PostgresEventLog', () => {
  it('never skips an event whose transaction took its position first but committed last', async () => {
    const user = randomUUID();
    const seen: string[] = [];
    let cursor = LOG_START;
    // Transaction A appends (taking the lower position) and stays open.
    const trxA = await db.knex.transaction();
    const a = await append(user + '', 1, trxA).catch(async (e) => {
      await trxA.rollback();
      throw e;
    });
    // B uses another user so it is not serialised behind A; it commits first.
    const b = await append(randomUUID(), 2);
    expect(BigInt(a.events[0]!.position)).toBeLessThan(BigInt(b.events[0]!.position));
    const firstRead = await readLogBatch(db.knex, cursor, 100);
    // B is held back while A, which is older, is still open: otherwise A would be skipped.
    expect(firstRead.events.map((e) => e.id)).not.toContain(a.events[0]!.id);
    firstRead.events.forEach((e) => seen.push(e.id));
    cursor = firstRead.cursor;
    await trxA.commit();
    const secondRead = await readLogBatch(db.knex, cursor, 100);
    secondRead.events.forEach((e) => seen.push(e.id));
    expect(seen).toContain(a.events[0]!.id);
    expect(seen).toContain(b.events[0]!.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('delivers every event once, in order, to a subscriber under concurrent writers', async () => {
    const users = Array.from({ length: 4 }, () => randomUUID());
    const received: AnyEnvelope[] = [];
    await db.knex.raw('create table effects (event_id uuid primary key)');
    const sub = log.subscribe(
      'counting',
      async (events, trx) => {
        for (const e of events) received.push(e);
        await trx('effects').insert(events.map((e) => ({ event_id: e.id })));
      },
      { batchSize: 7 },
    );
    const writes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => append(users[i % users.length]!, i)),
    );
    await sub.caughtUp();
    await sub.stop();
    const written = new Set(writes.map((w) => w.events[0]!.id));
    const got = received.filter((e) => written.has(e.id));
    expect(got).toHaveLength(60);
    expect(new Set(got.map((e) => e.id)).size).toBe(60);
    for (const u of users) {
      const seqs = got.filter((e) => e.userid === u).map((e) => BigInt(e.userseq));
      expect(seqs).toEqual([...seqs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    }
  });

  it('resumes from its checkpoint after dying mid-batch, with no loss and no double effect', async () => {
    const user = randomUUID();
    await db.knex.raw('create table effects2 (event_id uuid primary key, n int)');
    const writes = [];
    for (let i = 0; i < 10; i++) writes.push(await append(user, i));
    let calls = 0;
    const crashing = log.subscribe(
      'crashy',
      async (events, trx) => {
        calls++;
        await trx('effects2').insert(events.map((e) => ({ event_id: e.id, n: calls })));
        if (calls === 2) throw new Error('process killed mid-batch');
      },
      { batchSize: 4 },
    );
    // Let it apply the first batch and fail in the second, then stop it ("kill").
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await crashing.stop();
    const resumed = log.subscribe('crashy', async (events, trx) => {
      await trx('effects2').insert(events.map((e) => ({ event_id: e.id, n: 99 })));
    });
    await resumed.caughtUp();
    await resumed.stop();
    const ids = writes.map((w) => w.events[0]!.id);
    const rows = await db.knex('effects2').whereIn('event_id', ids);
    // The primary key would have refused a second effect; every event has exactly one.
    expect(rows).toHaveLength(10);
  });
});
