import type { Knex } from '@todo/platform';
import { TASK_COLUMNS } from './task-columns.ts';
import type { TaskDoc } from './task-doc.ts';
import { taskViewJson } from './task-view-json.ts';

export const PRIORITY_RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));

export function docToRow(doc: TaskDoc): Row {
  return {
    id: doc.id,
    user_id: doc.userId,
    title: doc.title,
    description: doc.description,
    priority: doc.priority,
    priority_rank: PRIORITY_RANK[doc.priority],
    tags: doc.tags,
    due_at: doc.dueAt,
    all_day: doc.allDay,
    timezone: doc.timezone,
    recurrence: doc.recurrence ? JSON.stringify(doc.recurrence) : null,
    reminders: JSON.stringify(doc.reminders),
    status: doc.status,
    completed_at: doc.completedAt,
    series_id: doc.seriesId,
    list_id: doc.listId,
    created_at: doc.createdAt,
    updated_at: doc.updatedAt,
    version: doc.version,
    view: taskViewJson(doc),
  };
}

export function rowToDoc(row: Row): TaskDoc {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    title: row.title as string,
    description: row.description as string,
    priority: row.priority as TaskDoc['priority'],
    tags: row.tags as string[],
    dueAt: iso(row.due_at),
    allDay: row.all_day as boolean,
    timezone: row.timezone as string,
    recurrence: (row.recurrence as TaskDoc['recurrence']) ?? null,
    reminders: row.reminders as TaskDoc['reminders'],
    status: row.status as TaskDoc['status'],
    completedAt: iso(row.completed_at),
    seriesId: (row.series_id as string | null) ?? null,
    listId: (row.list_id as string | null) ?? null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version as number,
  };
}

const TIMESTAMP_COLUMNS = new Set<string>(['due_at', 'completed_at', 'created_at', 'updated_at']);

/**
 * The columns of a read, with the timestamps leaving PostgreSQL as the API's own text
 * (`toISOString`'s form: UTC, milliseconds, `Z`; instants are bounded to years 1–9999, so
 * always four digits), which `rowToDoc` passes through: parsing 200 dates per page into
 * `Date`s to format them back was a tenth of a list request's CPU in Node.
 */
export function taskColumnsAsText(knex: Knex): (string | Knex.Raw)[] {
  return TASK_COLUMNS.map((column) =>
    TIMESTAMP_COLUMNS.has(column)
      ? knex.raw(`to_char(?? at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ??`, [column, column])
      : column,
  );
}

/** One column as taskColumnsAsText reads it, as SQL text (the columns are our own names). */
export const columnAsTextSql = (column: string): string =>
  TIMESTAMP_COLUMNS.has(column)
    ? `to_char("${column}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${column}"`
    : `"${column}"`;

// The row's view is written with it (see taskViewJson); it is derived, so reads and checksums
// leave it out.
const WRITTEN_COLUMNS = [...TASK_COLUMNS, 'view'];
const UPDATED_COLUMNS = WRITTEN_COLUMNS.filter((c) => c !== 'id');

/**
 * Inserts or replaces these rows in one statement with one parameter, the rows as JSON: a
 * statement with a value per column and row (19 a row) is slow to parse and plan for a big
 * batch, and PostgreSQL takes at most 65,535 parameters.
 */
export function upsertTasks(db: Knex | Knex.Transaction, table: string, docs: readonly TaskDoc[]): Knex.Raw {
  const rows = docs.map((doc) => ({
    ...docToRow(doc),
    recurrence: doc.recurrence,
    reminders: doc.reminders,
  }));
  const columns = WRITTEN_COLUMNS.join(', ');
  return db.raw(
    `insert into ${table} (${columns})
     select ${columns} from jsonb_populate_recordset(null::${table}, ?::jsonb)
     on conflict (id) do update set ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    [JSON.stringify(rows)],
  );
}
