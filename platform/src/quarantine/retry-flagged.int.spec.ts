import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { QuarantinePolicy, type ApplyEvents } from './quarantine-policy.ts';
import { insertQuarantined, listQuarantined, requestRetry } from './quarantine-store.ts';

// Two instances of one consumer (two replicas of a service) both poll for operator retries.
// A flagged key must be retried once: the second instance, which saw the flag before the
// first had finished, must find it cleared once it holds the key's lock, and leave it alone.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const event = (userId: string, streamId: string): AnyEnvelope => ({
  specversion: '1.0',
  id: randomUUID(),
  source: 'test',
  type: 'todo.test.happened.v1',
  subject: streamId,
  time: '2026-12-01T10:00:00.000Z',
  datacontenttype: 'application/json',
  userid: userId,
  userseq: '1',
  streamversion: 1,
  position: '1',
  correlationid: randomUUID(),
  causationid: null,
  data: {},
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('QuarantinePolicy.retryFlagged with two instances of one consumer', () => {
  it('retries a flagged key once: the instance that waited for the lock finds it done', async () => {
    const consumer = `replicated-${randomUUID()}`;
    const poisoned = event(randomUUID(), randomUUID());
    const at = new Date('2026-12-01T10:00:00.000Z');
    await insertQuarantined(db.knex, {
      consumer,
      event: poisoned,
      orderBy: 'stream',
      cursor: '1',
      error: 'Error: still broken',
      attempts: 3,
      blockedBy: null,
      firstFailedAt: at,
      lastFailedAt: at,
    });
    await requestRetry(db.knex, { consumer });

    const logger = createLogger('silent');
    const first = new QuarantinePolicy({ consumer, logger });
    const second = new QuarantinePolicy({ consumer, logger });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let applies = 0;
    const slowFailure: ApplyEvents = async () => {
      applies++;
      if (applies === 1) await held;
      throw new Error('still broken');
    };

    const firstRun = db.knex.transaction((trx) => first.retryFlagged(trx, slowFailure));
    await until(async () => applies === 1, 'the first instance to start applying');
    const secondRun = db.knex.transaction((trx) => second.retryFlagged(trx, slowFailure));
    await until(async () => {
      const waiting = await db.knex.raw<{ rows: { n: number }[] }>(
        `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      );
      return waiting.rows[0]!.n > 0;
    }, 'the second instance to wait for the key lock');
    release();

    const outcomes = await Promise.all([firstRun, secondRun]);
    expect(outcomes).toEqual([
      { applied: 0, failed: 1 },
      { applied: 0, failed: 0 },
    ]);
    expect(applies).toBe(1);
    const [row] = await listQuarantined(db.knex, { consumer });
    expect(row).toMatchObject({ attempts: 4, retry_requested_at: null, error: 'Error: still broken' });
  });
});
