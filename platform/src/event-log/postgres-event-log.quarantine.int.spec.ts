import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import { createLogger } from '../logger.ts';
import { PostgresEventStore, EVENTS_CHANNEL } from '../event-store/postgres-event-store.ts';
import { quarantinedTotal } from '../quarantine/quarantine-policy.ts';
import { listQuarantined, requestRetry } from '../quarantine/quarantine-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { PostgresEventLog } from './postgres-event-log.ts';

// One event a consumer cannot apply must not stop the log for everyone: it is set aside
// (quarantined), later events of its stream are parked behind it, other streams flow on,
// and an operator's retry re-applies them once the fault is gone.

let db: TestDatabase;
let store: PostgresEventStore;
let log: PostgresEventLog;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  log = new PostgresEventLog(
    db.knex,
    db.connectionString,
    createLogger((process.env.QLOG as 'silent') ?? 'silent'),
  );
});
afterAll(async () => db.drop());

/** Appends one event to a stream (new when `version` is 0) and returns it. */
async function write(userId: string, streamId: string, version: number, data: Record<string, unknown>) {
  const { events } = await store.append(streamId, version, [{ type: 'todo.test.happened.v1', data }], {
    userId,
    source: 'test',
    correlationId: randomUUID(),
  });
  return events[0]!;
}

/** Polls (bounded) until `check` holds: a liveness wait, not a timing assertion. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function effectsTable(name: string): Promise<void> {
  await db.knex.raw(`create table ${name} (event_id uuid primary key, n serial, at timestamptz)`);
}
const effectIds = async (table: string) =>
  (await db.knex(table).orderBy('n').select('event_id')).map((r: { event_id: string }) => r.event_id);

describe('PostgresEventLog: an event its consumer cannot apply', () => {
  it('is quarantined at once when PostgreSQL refuses its data; other streams and users flow on', async () => {
    await effectsTable('dated');
    const consumer = `dated-${randomUUID()}`;
    const alice = randomUUID();
    const bob = randomUUID();
    const poisoned = randomUUID();
    // Year 0 in UTC: what `0001-01-01T00:00:00+14:00` normalised to before validation.
    const poison = await write(alice, poisoned, 0, { at: '0000-12-31T10:00:00.000Z' });
    const bobs = await write(bob, randomUUID(), 0, { at: '2026-12-01T09:00:00.000Z' });
    const parked = await write(alice, poisoned, 1, { at: '2026-12-02T09:00:00.000Z' });
    const alicesOther = await write(alice, randomUUID(), 0, { at: '2026-12-03T09:00:00.000Z' });
    const before = quarantinedTotal.get({ consumer });

    const sub = log.subscribe(consumer, async (events: AnyEnvelope[], trx: Knex.Transaction) => {
      await trx('dated').insert(events.map((e) => ({ event_id: e.id, at: (e.data as { at: string }).at })));
    });
    await sub.caughtUp();
    await sub.stop();

    expect(await effectIds('dated')).toEqual([bobs.id, alicesOther.id]);
    const rows = await listQuarantined(db.knex, { consumer });
    expect(rows.map((r) => [r.event_id, r.blocked_by, r.attempts])).toEqual([
      [poison.id, null, 1],
      [parked.id, poison.id, 0],
    ]);
    expect(rows[0]).toMatchObject({
      stream_id: poisoned,
      user_id: alice,
      type: 'todo.test.happened.v1',
      error: expect.stringMatching(/out of range/),
      cursor: expect.stringMatching(/^\d+:\d+$/),
    });
    expect(rows[0]!.first_failed_at).toBeInstanceOf(Date);
    expect(quarantinedTotal.get({ consumer }) - before).toBe(2);
  });

  it('retries an unknown failure a few times, then sets it aside and parks its stream behind it', async () => {
    await effectsTable('plain');
    const consumer = `plain-${randomUUID()}`;
    const user = randomUUID();
    const stream = randomUUID();
    const first = await write(user, stream, 0, { tag: 'plain', n: 1 });
    const bad = await write(user, stream, 1, { tag: 'plain', n: 2, fail: true });
    const other = await write(randomUUID(), randomUUID(), 0, { tag: 'plain', n: 3 });
    const later = await write(user, stream, 2, { tag: 'plain', n: 4 });
    let faulty = true;
    const attemptsOfBad: number[] = [];
    const handler = async (all: AnyEnvelope[], trx: Knex.Transaction) => {
      // The log also holds the other tests' events: this consumer only records its own.
      const events = all.filter((e) => (e.data as { tag?: string }).tag === 'plain');
      for (const e of events) {
        if (faulty && (e.data as { fail?: boolean }).fail) {
          attemptsOfBad.push(events.length);
          throw new Error('handler cannot apply this one');
        }
      }
      if (events.length) await trx('plain').insert(events.map((e) => ({ event_id: e.id })));
    };
    const sub = log.subscribe(consumer, handler, { maxAttempts: 3 });
    await sub.caughtUp();

    expect(await effectIds('plain')).toEqual([first.id, other.id]);
    // Once in its batch, then three times alone.
    expect(attemptsOfBad.filter((n) => n === 1)).toHaveLength(3);
    const rows = await listQuarantined(db.knex, { consumer });
    expect(rows.map((r) => [r.event_id, r.blocked_by, r.attempts])).toEqual([
      [bad.id, null, 3],
      [later.id, bad.id, 0],
    ]);
    expect(rows[0]!.error).toBe('Error: handler cannot apply this one');

    // A new event of the parked stream is parked too; one of another stream is applied.
    const afterPark = await write(user, stream, 3, { tag: 'plain', n: 5 });
    const fresh = await write(user, randomUUID(), 0, { tag: 'plain', n: 6 });
    await sub.caughtUp();
    expect(await effectIds('plain')).toEqual([first.id, other.id, fresh.id]);
    expect((await listQuarantined(db.knex, { consumer })).map((r) => r.event_id)).toEqual([
      bad.id,
      later.id,
      afterPark.id,
    ]);

    // An operator retry while the fault is still there keeps them, one attempt more.
    const retryAndWait = async () => {
      expect((await requestRetry(db.knex, { consumer, eventId: bad.id })).length).toBe(3);
      await db.knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, '']);
      await until(
        async () =>
          (await db.knex('quarantined_events').where({ consumer }).whereNotNull('retry_requested_at'))
            .length === 0,
        'the live consumer to take the retry',
      );
    };
    await retryAndWait();
    const kept = await listQuarantined(db.knex, { consumer });
    expect(kept.map((r) => [r.event_id, r.attempts])).toEqual([
      [bad.id, 4],
      [later.id, 0],
      [afterPark.id, 0],
    ]);

    // The fault is fixed: the retry applies the stream's events in order and clears them.
    faulty = false;
    await retryAndWait();
    expect(await listQuarantined(db.knex, { consumer })).toEqual([]);
    expect(await effectIds('plain')).toEqual([first.id, other.id, fresh.id, bad.id, later.id, afterPark.id]);

    // The stream is no longer parked: its next event is applied as usual.
    const next = await write(user, stream, 4, { tag: 'plain', n: 7 });
    await sub.caughtUp();
    await sub.stop();
    expect((await effectIds('plain')).at(-1)).toBe(next.id);
  });

  it('never quarantines a transient failure (a lost connection): it just retries', async () => {
    await effectsTable('flaky');
    const consumer = `flaky-${randomUUID()}`;
    const event = await write(randomUUID(), randomUUID(), 0, { n: 1 });
    let failures = 0;
    const sub = log.subscribe(
      consumer,
      async (events, trx) => {
        if (events.some((e) => e.id === event.id) && failures < 3) {
          failures++;
          throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        }
        await trx('flaky').insert(events.map((e) => ({ event_id: e.id })));
      },
      { maxAttempts: 2 },
    );
    await until(async () => (await effectIds('flaky')).includes(event.id), 'the event to be applied');
    await sub.stop();
    expect(failures).toBe(3);
    expect(await listQuarantined(db.knex, { consumer })).toEqual([]);
  });
});
