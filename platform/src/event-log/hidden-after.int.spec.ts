import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { HIDDEN_AFTER_SQL } from './postgres-event-log.ts';

let db: TestDatabase;
const ROWS = 50_000;

beforeAll(async () => {
  db = await createTestDatabase();
  // A log with history, one transaction per event: the rows after a consumer's cursor are
  // the last few of a large table.
  await db.knex.raw(
    `insert into events (transaction_id, event_id, stream_id, stream_version, user_id, user_seq, type, data, source, correlation_id)
     select g::text::xid8, gen_random_uuid(), gen_random_uuid(), 1, '00000000-0000-4000-8000-000000000001', g,
            'todo.test.happened.v1', '{}'::jsonb, 'test', 'test'
       from generate_series(1, ?) as g`,
    [ROWS],
  );
  await db.knex.raw('analyze events');
});
afterAll(async () => {
  await db.drop();
});

async function cursorAt(fromEnd: number): Promise<[string, string]> {
  const row = await db
    .knex('events')
    .orderBy([{ column: 'transaction_id' }, { column: 'position' }])
    .offset(ROWS - fromEnd)
    .first();
  return [String(row.transaction_id), String(row.position)];
}

describe('HIDDEN_AFTER_SQL: is anything after a cursor?', () => {
  it('answers true with rows after the cursor and false at the end of the log', async () => {
    const hidden = async (cursor: [string, string]) =>
      (await db.knex.raw(`select ${HIDDEN_AFTER_SQL} as hidden`, cursor)).rows[0].hidden;

    expect(await hidden(await cursorAt(3))).toBe(true);
    expect(await hidden(await cursorAt(1))).toBe(false);
  });

  it('reads the log-order index from the cursor, never the whole table, also in the plan of a prepared statement', async () => {
    // The log runs it as a named statement: after a few runs PostgreSQL may keep a generic
    // plan, made without the cursor's values (a third of the table guessed to lie after it).
    const [transactionId, position] = await cursorAt(3);
    const plan = await db.knex.transaction(async (trx) => {
      await trx.raw('set local plan_cache_mode = force_generic_plan');
      await trx.raw(
        `prepare hidden_after as select ${HIDDEN_AFTER_SQL.replace('?', '$1').replace('?', '$2')}`,
      );
      const explained = await trx.raw(
        `explain (format json) execute hidden_after('${transactionId}', ${position})`,
      );
      await trx.raw('deallocate hidden_after');
      return explained.rows[0]['QUERY PLAN'][0].Plan;
    });
    const nodes: Array<{ 'Node Type': string; 'Index Name'?: string; Plans?: unknown[] }> = [];
    const walk = (node: (typeof nodes)[number]) => {
      nodes.push(node);
      for (const child of node.Plans ?? []) walk(child as (typeof nodes)[number]);
    };
    walk(plan);

    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(nodes.some((n) => n['Index Name'] === 'events_log_order')).toBe(true);
  });
});
