import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { fireTogether } from './fire-together.ts';

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
});
