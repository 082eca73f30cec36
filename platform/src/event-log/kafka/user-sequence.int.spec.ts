import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { PostgresEventStore } from '../../event-store/postgres-event-store.ts';
import { createLogger } from '../../logger.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { appendTestEvents } from '../conformance/append-events.ts';
import { claimFresh } from './user-sequence.ts';

let db: TestDatabase;
let store: PostgresEventStore;
const log = createLogger('silent');
const ids = (events: AnyEnvelope[]) => events.map((e) => e.id);

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => {
  await db.drop();
});

async function lastSeq(consumer: string, userId: string): Promise<string | undefined> {
  const row = await db.knex('kafka_consumer_user_seqs').where({ consumer, user_id: userId }).first();
  return row?.last_seq;
}

describe('claimFresh: the users’ sequences claimed in one statement', () => {
  it('given a new consumer, when it claims a batch, then it keeps all of it and saves each user’s last sequence', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const events = [...(await appendTestEvents(store, alice, 3)), ...(await appendTestEvents(store, bob, 2))];

    const claim = await db.knex.transaction((trx) => claimFresh(trx, 'c-new', events, log));

    expect(ids(claim.kept)).toEqual(ids(events));
    expect(claim.moved).toBe(false);
    expect(await lastSeq('c-new', alice)).toBe('3');
    expect(await lastSeq('c-new', bob)).toBe('2');
  });

  it('given events already applied, when a batch repeats some of them, then only the later ones are kept and the sequence never goes back', async () => {
    const user = randomUUID();
    const events = await appendTestEvents(store, user, 4);
    await db.knex.transaction((trx) => claimFresh(trx, 'c-repeat', events.slice(0, 3), log));

    const again = await db.knex.transaction((trx) => claimFresh(trx, 'c-repeat', events.slice(1), log));
    const old = await db.knex.transaction((trx) => claimFresh(trx, 'c-repeat', events.slice(0, 2), log));

    expect(ids(again.kept)).toEqual([events[3]!.id]);
    expect(old.kept).toEqual([]);
    expect(await lastSeq('c-repeat', user)).toBe('4');
  });

  it('given a delivery of repeats only, then it keeps nothing and leaves the row as it was', async () => {
    const user = randomUUID();
    const events = await appendTestEvents(store, user, 2);
    await db.knex.transaction((trx) => claimFresh(trx, 'c-unchanged', events, log));
    const version = async () =>
      (
        await db.knex.raw(
          `select xmin::text as v from kafka_consumer_user_seqs where consumer = 'c-unchanged'`,
        )
      ).rows[0].v;
    const before = await version();

    const claim = await db.knex.transaction((trx) => claimFresh(trx, 'c-unchanged', events, log));

    expect(claim.kept).toEqual([]);
    expect(await version()).toBe(before);
  });

  it('given events at user sequence 0 (before any event), then nothing of them is fresh', async () => {
    const [event] = await appendTestEvents(store, randomUUID(), 1);

    const claim = await db.knex.transaction((trx) =>
      claimFresh(trx, 'c-zero', [{ ...event!, userseq: '0' }], log),
    );

    expect(claim.kept).toEqual([]);
  });

  it('given a claim that rolls back, then nothing of it is kept', async () => {
    const user = randomUUID();
    const events = await appendTestEvents(store, user, 2);

    await expect(
      db.knex.transaction(async (trx) => {
        await claimFresh(trx, 'c-rollback', events, log);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');

    expect(await lastSeq('c-rollback', user)).toBeUndefined();
    const claim = await db.knex.transaction((trx) => claimFresh(trx, 'c-rollback', events, log));
    expect(ids(claim.kept)).toEqual(ids(events));
  });

  it.each([
    ['a user new to the consumer', false],
    ['a user the consumer has seen', true],
  ])(
    'given two deliveries of overlapping events at once for %s, then the second waits for the first, keeps only what the first did not apply and says the sequences moved',
    async (_case, seen) => {
      const consumer = `c-race-${seen}`;
      const user = randomUUID();
      const events = await appendTestEvents(store, user, 3);
      if (seen) await db.knex.transaction((trx) => claimFresh(trx, consumer, events.slice(0, 1), log));

      const first = await db.knex.transaction();
      const firstClaim = await claimFresh(first, consumer, events.slice(0, 2), log);
      const second = db.knex.transaction((trx) => claimFresh(trx, consumer, events, log));
      // The second claim is blocked on the first's row (or its insert) until the first commits.
      await waitForLockWaiter();
      await first.commit();
      const secondClaim = await second;

      expect(ids(firstClaim.kept)).toEqual(ids(seen ? events.slice(1, 2) : events.slice(0, 2)));
      expect(ids(secondClaim.kept)).toEqual([events[2]!.id]);
      expect(secondClaim.moved).toBe(true);
      expect(await lastSeq(consumer, user)).toBe('3');
    },
  );

  it('given a subquery alongside and the flush wait off, then the statement returns its value and the transaction does not wait for the flush', async () => {
    const events = await appendTestEvents(store, randomUUID(), 1);

    const { claim, setting } = await db.knex.transaction(async (trx) => {
      const claim = await claimFresh(trx, 'c-alongside', events, log, {
        alongside: { sql: '(select ?::int + 1)', bindings: [41] },
        synchronousCommit: 'off',
      });
      const setting = (await trx.raw(`select current_setting('synchronous_commit') as value`)).rows[0].value;
      return { claim, setting };
    });

    expect(claim.alongside).toBe(42);
    expect(setting).toBe('off');
  });

  it('given no flush setting, then the transaction keeps the server’s', async () => {
    const events = await appendTestEvents(store, randomUUID(), 1);

    const setting = await db.knex.transaction(async (trx) => {
      await trx.raw(`set local synchronous_commit = 'local'`);
      await claimFresh(trx, 'c-setting', events, log);
      return (await trx.raw(`select current_setting('synchronous_commit') as value`)).rows[0].value;
    });

    expect(setting).toBe('local');
  });
});

/** Polls pg_stat_activity until a session of this database waits on a lock in a claim. */
async function waitForLockWaiter(): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const { rows } = await db.knex.raw(
      `select 1 from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'
          and query like '%insert into kafka_consumer_user_seqs%' and pid <> pg_backend_pid()`,
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the second claim never waited for the first one’s lock');
}
