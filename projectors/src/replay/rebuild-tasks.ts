import { LOG_START, readLogBatch, type Knex, type LogCursor } from '@todo/platform';
import { TASKS_CONSUMER } from '../tasks/run-tasks-projection.ts';
import { createTasksIndexesSql, createTasksTableOnlySql } from '../tasks/schema.ts';
import { applyToTasks } from '../tasks/tasks-projection.ts';
import { createListsTableSql } from '../lists/schema.ts';
import { listsChecksum, tasksChecksum } from './checksum.ts';

const INDEX_SUFFIXES = [
  'by_due',
  'by_priority',
  'by_created',
  'by_updated',
  'by_list',
  'tags',
  'search',
  'pkey',
];
const LIST_INDEX_SUFFIXES = ['by_user', 'by_name', 'pkey'];
/** Events per batch (one transaction each, while the live projection keeps running). */
const BATCH_SIZE = 5000;

export interface ReplayProgress {
  applied: number;
  total: number;
}

export interface ReplayResult {
  events: number;
  table: string;
  checksum: { rows: number; md5: string };
  liveChecksum: { rows: number; md5: string };
  /** The same for the lists read model, which the same events build. */
  lists: { checksum: { rows: number; md5: string }; liveChecksum: { rows: number; md5: string } };
  swapped: boolean;
}

async function liveCheckpoint(db: Knex | Knex.Transaction): Promise<LogCursor> {
  const row = await db('consumer_checkpoints')
    .where({ consumer: TASKS_CONSUMER })
    .first('transaction_id', 'position');
  return row ? { transactionId: String(row.transaction_id), position: String(row.position) } : LOG_START;
}

async function copyUpTo(
  db: Knex | Knex.Transaction,
  tables: { tasks: string; lists: string },
  from: LogCursor,
  until: LogCursor,
  onBatch: (n: number) => void,
): Promise<{ cursor: LogCursor; events: number }> {
  let cursor = from;
  let events = 0;
  for (;;) {
    const batch = await readLogBatch(db, cursor, BATCH_SIZE, { until });
    if (batch.events.length === 0) return { cursor, events };
    // What the live projection set aside (quarantined) is left out here too, so that both
    // tables hold the same rows; an operator retry applies it to the live one.
    const setAside = new Set(
      (
        await db('quarantined_events')
          .where({ consumer: TASKS_CONSUMER })
          .whereRaw('event_id = any(?::text[])', [batch.events.map((e) => e.id)])
          .select('event_id')
      ).map((r: { event_id: string }) => r.event_id),
    );
    const applicable = batch.events.filter((e) => !setAside.has(e.id));
    const apply = (trx: Knex.Transaction) =>
      applyToTasks(trx, applicable, { table: tables.tasks, listsTable: tables.lists, live: false });
    if ('commit' in db) await apply(db as Knex.Transaction);
    else {
      // The rebuilt table is not live until the swap, whose commit is durable: a crash before
      // it loses only a table no one reads, so a batch need not wait for its WAL flush.
      await (db as Knex).transaction(async (trx) => {
        await trx.raw(`select set_config('synchronous_commit', 'off', true)`);
        await apply(trx);
      });
    }
    cursor = batch.cursor;
    events += batch.events.length;
    onBatch(batch.events.length);
  }
}

/**
 * Rebuilds the tasks projection from position 0 into a fresh table while the live one
 * keeps serving, then catches up and swaps it in while holding the live projector's lock,
 * so both end at the same checkpoint. With `swap: false` it only compares checksums.
 */
export async function rebuildTasks(
  knex: Knex,
  options: { swap: boolean; onProgress?: (p: ReplayProgress) => void },
): Promise<ReplayResult> {
  const table = `tasks_rebuild_${Date.now()}`;
  const listsTable = `lists_rebuild_${Date.now()}`;
  const tables = { tasks: table, lists: listsTable };
  // The bulk of the log is copied into a table with only its primary key; its other indexes
  // are built once after that, before the catch-up (which then writes few rows).
  await knex.raw(createTasksTableOnlySql(table));
  await knex.raw(createListsTableSql(listsTable));
  const total = Number((await knex('events').count<{ count: string }[]>('* as count'))[0]?.count ?? 0);
  let applied = 0;
  const progress = (n: number) => {
    applied += n;
    options.onProgress?.({ applied, total });
  };
  const first = await copyUpTo(knex, tables, LOG_START, await liveCheckpoint(knex), progress);
  await knex.raw(createTasksIndexesSql(table));
  // A new table has no statistics until autovacuum gets to it (a minute or more on a server's
  // defaults): swapped in without them, the planner took each user's tasks for one row and
  // read them all to answer a search or a label.
  await knex.raw(`analyze ${table}, ${listsTable}`);

  return knex.transaction(async (trx) => {
    // The live projector takes this lock for every batch: holding it pauses it here.
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 1))', [TASKS_CONSUMER]);
    const rest = await copyUpTo(trx, tables, first.cursor, await liveCheckpoint(trx), progress);
    const checksum = await tasksChecksum(trx, table);
    const liveChecksum = await tasksChecksum(trx, 'tasks');
    const lists = {
      checksum: await listsChecksum(trx, listsTable),
      liveChecksum: await listsChecksum(trx, 'lists'),
    };
    const result = {
      events: first.events + rest.events,
      table,
      checksum,
      liveChecksum,
      lists,
      swapped: options.swap,
    };
    if (!options.swap) {
      await trx.raw(`drop table ${table}`);
      await trx.raw(`drop table ${listsTable}`);
      return result;
    }
    // A batch the live projection planned before the swap was read from the old table: the
    // epoch refuses its commit (consumer_advance), and it is applied again on the new one.
    await trx('consumer_checkpoints').where({ consumer: TASKS_CONSUMER }).increment('epoch', 1);
    await swapIn(trx, table, 'tasks', INDEX_SUFFIXES);
    await swapIn(trx, listsTable, 'lists', LIST_INDEX_SUFFIXES);
    return { ...result, table: 'tasks' };
  });
}

/** Puts the rebuilt table (and its indexes) in the live one's place. */
async function swapIn(trx: Knex.Transaction, rebuilt: string, live: string, suffixes: readonly string[]) {
  const old = `${live}_old_${Date.now()}`;
  await trx.raw(`alter table ${live} rename to ${old}`);
  for (const suffix of suffixes) {
    await trx.raw(`alter index if exists ${live}_${suffix} rename to ${old}_${suffix}`);
  }
  await trx.raw(`alter table ${rebuilt} rename to ${live}`);
  for (const suffix of suffixes) {
    await trx.raw(`alter index if exists ${rebuilt}_${suffix} rename to ${live}_${suffix}`);
  }
  await trx.raw(`drop table ${old}`);
}
