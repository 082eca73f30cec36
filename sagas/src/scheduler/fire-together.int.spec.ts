import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { Knex } from '@todo/platform';
import { fireTogether, prepareFirings } from './fire-together.ts';

// Firings of one batch in one transaction of a real PostgreSQL: together when all succeed;
// when one fails (here a statement PostgreSQL refuses, which aborts what it ran in), the
// others still take effect and only the failed one is rolled back.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.knex.schema.createTable('fired_marks', (t) => {
    t.text('job').primary();
  });
});
afterAll(async () => db.drop());

const marks = async () => (await db.knex('fired_marks').orderBy('job').pluck('job')) as string[];

describe('firing a batch together', () => {
  it('commits every firing when none fails', async () => {
    const outcomes = await db.knex.transaction((trx) =>
      fireTogether(trx, ['a1', 'a2', 'a3'], (job, t) =>
        t('fired_marks')
          .insert({ job })
          .then(() => undefined),
      ),
    );
    expect(outcomes).toEqual([
      { item: 'a1', ok: true },
      { item: 'a2', ok: true },
      { item: 'a3', ok: true },
    ]);
    expect(await marks()).toEqual(['a1', 'a2', 'a3']);
  });

  it('rolls back only the firing that failed, keeping the others and the order', async () => {
    const outcomes = await db.knex.transaction(async (trx) => {
      await trx('fired_marks').insert({ job: 'before' });
      return fireTogether(trx, ['b1', 'bad', 'b2'], async (job, t) => {
        await t('fired_marks').insert({ job });
        if (job === 'bad') await t.raw('select 1 / 0');
      });
    });
    expect(outcomes.map((o) => [o.item, o.ok])).toEqual([
      ['b1', true],
      ['bad', false],
      ['b2', true],
    ]);
    const failed = outcomes[1]!;
    expect(failed.ok ? null : String(failed.error)).toMatch(/division by zero/);
    expect(await marks()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'before']);
  });

  it('counts a firing that rejected with no reason as failed, and rolls it back', async () => {
    const outcomes = await db.knex.transaction((trx) =>
      fireTogether(trx, ['c1', 'c2'], async (job, t) => {
        await t('fired_marks').insert({ job });
        if (job === 'c2') throw undefined;
      }),
    );
    expect(outcomes.map((o) => [o.item, o.ok])).toEqual([
      ['c1', true],
      ['c2', false],
    ]);
    expect(await marks()).toContain('c1');
    expect(await marks()).not.toContain('c2');
  });
});

describe('reading ahead for a batch', () => {
  const job = { name: 'j', dueAt: new Date(0), data: {}, attempts: 0 };

  it('hands the firings what the handler read', async () => {
    const handler = Object.assign(async () => undefined, {
      prepare: async (_jobs: unknown, t: Knex.Transaction) =>
        (await t.raw('select 7 as n')).rows[0].n as number,
    });
    expect(await db.knex.transaction((trx) => prepareFirings(trx, handler, [job]))).toBe(7);
  });

  it('gives nothing, and leaves the transaction usable, when the read fails', async () => {
    const handler = Object.assign(async () => undefined, {
      prepare: async (_jobs: unknown, t: Knex.Transaction) => t.raw("select 'not a uuid'::uuid"),
    });
    const after = await db.knex.transaction(async (trx) => {
      const prepared = await prepareFirings(trx, handler, [job]);
      return { prepared, still: (await trx.raw('select 1 as one')).rows[0].one as number };
    });
    expect(after).toEqual({ prepared: undefined, still: 1 });
  });
});
