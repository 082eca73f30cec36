import { createHash } from 'node:crypto';
import type { TaskList } from '@todo/contracts';
import { badRequest, type Knex } from '@todo/platform';
import { INBOX_KEY, LIST_KEY } from '../schema.ts';
import { toTaskView } from '../task-doc.ts';
import { rowToDoc, taskColumnsAsText } from '../task-row.ts';
import { decodeCursor, encodeCursor, type SortKeyType } from './list-cursor.ts';
import { filterSql } from './filter-sql.ts';
import { eventsBehind } from './read-your-writes.ts';
import { toPrefixTsQuery } from './search-query.ts';
import type { TaskListQuery, TaskListSort } from './task-list-query.ts';

// Each sort key of the REST API matches an index of the tasks table exactly (see schema.ts);
// `completed` serves the chat's short lists of finished tasks. The columns are qualified:
// in ORDER BY a bare `created_at` would name the selected text of the same name (see
// taskColumnsAsText), which no index serves.
const SORT_KEYS: Record<TaskListSort, { expr: string; cast: SortKeyType }> = {
  due: { expr: `coalesce(tasks.due_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
  priority: { expr: 'tasks.priority_rank', cast: 'smallint' },
  created: { expr: 'tasks.created_at', cast: 'timestamptz' },
  updated: { expr: 'tasks.updated_at', cast: 'timestamptz' },
  completed: { expr: `coalesce(tasks.completed_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
};

function filtered(knex: Knex, userId: string, query: TaskListQuery) {
  const q = knex('tasks').where('user_id', userId);
  if (query.status !== 'all') q.andWhere('status', query.status);
  if (query.priority) q.andWhere('priority', query.priority);
  if (query.tag) q.andWhereRaw('tags @> array[?]::text[]', [query.tag]);
  if (query.q) {
    const tsquery = toPrefixTsQuery(query.q);
    if (!tsquery)
      throw badRequest('q needs at least one letter or digit', [
        { field: 'q', message: 'needs a letter or digit' },
      ]);
    q.andWhereRaw(`search @@ to_tsquery('simple', ?)`, [tsquery]);
  }
  if (query.list) q.andWhereRaw(`${LIST_KEY} = ?::uuid`, [query.list === 'inbox' ? INBOX_KEY : query.list]);
  if (query.undated) q.whereNull('due_at');
  // Closed ranges (see TaskListQuery): a task due at exactly `dueTo` is in the list.
  if (query.dueFrom) q.andWhere('due_at', '>=', query.dueFrom);
  if (query.dueTo) q.andWhere('due_at', '<=', query.dueTo);
  if (query.completedFrom) q.andWhere('completed_at', '>=', query.completedFrom);
  if (query.completedTo) q.andWhere('completed_at', '<=', query.completedTo);
  if (query.resolvedFilter) {
    const condition = filterSql(query.resolvedFilter);
    q.andWhereRaw(condition.sql, condition.bindings);
  }
  return q;
}

/**
 * The SQL of one page (limit + 1 rows, to know whether another follows); tests EXPLAIN it.
 * With `progressOf`, each row also says how many of the user's events that projection had
 * not applied in the statement's snapshot (`behind`, see eventsBehind).
 */
export function pageQuery(knex: Knex, userId: string, query: TaskListQuery, progressOf?: string) {
  const sort = SORT_KEYS[query.sort];
  const direction = query.order === 'desc' ? 'desc' : 'asc';
  const behind = progressOf ? eventsBehind(userId, progressOf) : null;
  const q = filtered(knex, userId, query).select([
    ...taskColumnsAsText(knex),
    knex.raw(`(${sort.expr})::text as sort_key`),
    ...(behind ? [knex.raw(`${behind.sql} as behind`, behind.bindings)] : []),
  ]);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort.cast);
    if (!cursor)
      throw badRequest('cursor is not one this API gave out for this sort', [
        { field: 'cursor', message: 'must be the nextCursor of a previous page with the same sort' },
      ]);
    const op = direction === 'asc' ? '>' : '<';
    q.andWhereRaw(`((${sort.expr}), id) ${op} (?::${sort.cast}, ?::uuid)`, [cursor.key, cursor.id]);
  }
  // The limit is part of the text (1–200 + 1), so that a prepared statement's plan knows it.
  return q
    .orderByRaw(`${sort.expr} ${direction}, id ${direction}`)
    .limit(query.limit + 1, { skipBinding: true });
}

/**
 * Whether a page may run on a generic plan: when its only conditions are the index's own
 * prefix (user, status, list) and the cursor, every user's values give the same best plan
 * (walk the sort's index). A label, a search, a priority or a date range is as selective
 * as its value says: a generic plan, blind to the value, may read a GIN index and sort all
 * its matches (the planner did so for `tag=work`), so those are planned with their values.
 */
function preparable(query: TaskListQuery): boolean {
  return (
    !query.resolvedFilter &&
    !query.tag &&
    !query.q &&
    !query.priority &&
    !query.undated &&
    !query.dueFrom &&
    !query.dueTo &&
    !query.completedFrom &&
    !query.completedTo
  );
}

/**
 * Runs a page; a preparable one as a named prepared statement (named after its text, of
 * which there are few: one per sort, order, limit, list or not, cursor or not), so that each
 * pooled connection plans it once instead of on every request: planning cost more than
 * running the page.
 */
async function rowsOf(q: Knex.QueryBuilder, query: TaskListQuery): Promise<Record<string, unknown>[]> {
  if (preparable(query)) {
    const name = `tasks_page_${createHash('sha1').update(q.toSQL().sql).digest('base64url')}`;
    q.options({ name });
  }
  return q;
}

/** One page of the user's tasks: filtered, sorted, after the cursor (keyset pagination). */
export async function listTasks(knex: Knex, userId: string, query: TaskListQuery): Promise<TaskList> {
  return pageOf(await rowsOf(pageQuery(knex, userId, query), query), query);
}

/**
 * The page, in one round trip, when it already shows every write of the user (read-your-
 * writes, from the same snapshot as the rows); null when the projection was behind or the
 * page is empty (an empty page cannot say), and the caller waits and reads again.
 */
export async function listTasksIfCaughtUp(
  knex: Knex,
  userId: string,
  query: TaskListQuery,
  projection: string,
): Promise<TaskList | null> {
  const rows = await rowsOf(pageQuery(knex, userId, query, projection), query);
  if (rows.length === 0 || Number(rows[0]!.behind) > 0) return null;
  return pageOf(rows, query);
}

function pageOf(rows: Record<string, unknown>[], query: TaskListQuery): TaskList {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ key: String(last.sort_key), id: String(last.id) })
      : null;
  return { items: page.map((r) => toTaskView(rowToDoc(r))), nextCursor };
}
