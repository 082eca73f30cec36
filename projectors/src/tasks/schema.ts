import { INBOX_LIST_KEY } from '@todo/contracts';
import type { Knex, Migration } from '@todo/platform';
import { TASK_COLUMNS } from './task-columns.ts';
import { rowToDoc } from './task-row.ts';
import { walkFunctionsSql } from './read-model/page-walk-functions.ts';
import { taskViewJson } from './task-view-json.ts';

export { TASK_COLUMNS } from './task-columns.ts';

// The Inbox (no list) is the nil UUID in the index and in filters, so that a condition on
// the list is never NULL and `!#Work` keeps the Inbox's tasks.
export const INBOX_KEY = INBOX_LIST_KEY;
export const LIST_KEY = `coalesce(list_id, '${INBOX_KEY}'::uuid)`;

const listIndexSql = (table: string) =>
  `create index ${table}_by_list on ${table} (user_id, status, (${LIST_KEY}), id);`;

// The GIN indexes (labels, search) lead with the user, through btree_gin (a trusted
// extension shipped with PostgreSQL): on the bare column a search read every user's matches
// and dropped the others', so its cost grew with the number of users, not with the user's
// own tasks.
const BTREE_GIN = 'create extension if not exists btree_gin;';
// The search column's statistics are sampled at 1,000 (not 100): at 100, PostgreSQL put a
// word in one task of ten at one in seventy, so for `q=invoice` it read every match through
// the GIN index and sorted them (1,000 rows per page) instead of walking the sort's index
// until 51 matched (about 500 rows).
const ginIndexesSql = (table: string) => `
    create index ${table}_tags on ${table} using gin (user_id, tags);
    create index ${table}_search on ${table} using gin (user_id, search);
    alter table ${table} alter column search set statistics 1000;`;

/** DDL of the tasks read model; replay creates its fresh table with the same functions. */
export function createTasksTableSql(table: string): string {
  return `${createTasksTableOnlySql(table)}\n${createTasksIndexesSql(table)}`;
}

/** The table with its primary key (what an upsert needs), without the secondary indexes. */
export function createTasksTableOnlySql(table: string): string {
  return `
    ${BTREE_GIN}
    create table ${table} (
      id uuid primary key,
      user_id uuid not null,
      title text not null,
      description text not null,
      priority text not null,
      priority_rank smallint not null,
      tags text[] not null,
      due_at timestamptz,
      all_day boolean not null,
      timezone text not null,
      recurrence jsonb,
      reminders jsonb not null,
      status text not null,
      completed_at timestamptz,
      series_id uuid,
      list_id uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null,
      view text not null,
      search tsvector generated always as (to_tsvector('simple', title || ' ' || description)) stored
    );`;
}

/**
 * The indexes the queries use. A replay builds them once its bulk copy is done: one sort per
 * index instead of an index update (two of them GIN) per row written.
 */
export function createTasksIndexesSql(table: string): string {
  return `
    create index ${table}_by_due on ${table} (user_id, status, (coalesce(due_at, 'infinity'::timestamptz)), id);
    create index ${table}_by_priority on ${table} (user_id, status, priority_rank, id);
    create index ${table}_by_created on ${table} (user_id, status, created_at, id);
    create index ${table}_by_updated on ${table} (user_id, status, updated_at, id);
    ${ginIndexesSql(table)}
    ${listIndexSql(table)}
  `;
}

export const tasksProjectionMigrations: Migration[] = [
  {
    name: '0200_tasks_projection',
    up: async (knex) => {
      await knex.raw(createTasksTableSql('tasks'));
      await knex.raw(`
        -- How many of each user's events a projection has applied: compared with
        -- user_logs.last_seq it tells a reader whether the user's last write is visible.
        create table projection_user_progress (
          projection text not null,
          user_id uuid not null,
          applied bigint not null,
          primary key (projection, user_id)
        );
        -- One row per user event, in the user's order: what realtime clients receive.
        create table task_changes (
          user_id uuid not null,
          user_seq bigint not null,
          position bigint not null,
          task_id uuid not null,
          kind text not null,
          task jsonb,
          event_type text not null,
          event_data jsonb not null,
          event_time timestamptz not null,
          primary key (user_id, user_seq)
        );
      `);
    },
  },
  {
    // Lists (issue 14): a task's list. A fresh database has the column from the table's DDL
    // above (which replay uses too); one made before gets it here.
    name: '0205_lists_task_list_id',
    up: async (knex) => {
      await knex.raw(`
        alter table tasks add column if not exists list_id uuid;
        create index if not exists tasks_by_list on tasks (user_id, status, (${LIST_KEY}), id);
      `);
    },
  },
  {
    // Issue 13: the labels and search indexes per user (see ginIndexesSql).
    name: '0207_tasks_gin_per_user',
    up: async (knex) => {
      await knex.raw(`
        ${BTREE_GIN}
        drop index if exists tasks_tags;
        drop index if exists tasks_search;
        ${ginIndexesSql('tasks')}
      `);
    },
  },
  {
    // Issue 13: each row keeps its task as the API's JSON (taskViewJson), which a list page
    // joins instead of parsing and writing every row again. A fresh database has the column
    // from the DDL above; one made before gets it here, filled from its rows.
    name: '0208_tasks_view',
    up: async (knex) => {
      await knex.raw('alter table tasks add column if not exists view text');
      await fillTaskViews(knex);
      await knex.raw('alter table tasks alter column view set not null');
    },
  },
  {
    // Issue 13: the functions that read a page with a label, search or priority by walking
    // the sort's index, on a plan that holds whatever the statistics say (see
    // page-walk-functions.ts). A later change of them comes with a migration of its own.
    name: '0209_tasks_page_walk',
    up: async (knex) => {
      await knex.raw(walkFunctionsSql());
    },
  },
];

/** Writes `view` of every row that has none, a batch at a time, in id order. */
async function fillTaskViews(knex: Knex): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Record<string, unknown>[] = await knex('tasks')
      .select(TASK_COLUMNS)
      .where('id', '>', after)
      .whereNull('view')
      .orderBy('id')
      .limit(1000);
    if (rows.length === 0) return;
    const docs = rows.map(rowToDoc);
    await knex.raw(
      `update tasks set view = v.view
         from (select unnest(?::uuid[]) as id, unnest(?::text[]) as view) v
        where tasks.id = v.id`,
      [docs.map((d) => d.id), docs.map(taskViewJson)],
    );
    after = docs.at(-1)!.id;
  }
}
