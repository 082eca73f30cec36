import { TaskStatus, type TaskList } from '@todo/contracts';
import { badRequest, queryPooled, type Knex, type PooledStatement } from '@todo/platform';
import { INBOX_KEY, LIST_KEY } from '../schema.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { filterSql } from './filter-sql.ts';
import { SORT_KEYS, hasLabelSearchOrPriority, hasRangeOrFilter, pageAggregateSql } from './page-shape.ts';
import { walkable, walkStatement, walkStopped } from './page-walk.ts';
import { eventsBehind } from './read-your-writes.ts';
import { searchTsQuery } from './search-query.ts';
import { statementName } from './statement-name.ts';
import { StatementValues } from './statement-values.ts';
import type { TaskListQuery } from './task-list-query.ts';

function conditions(userId: string, query: TaskListQuery, values: StatementValues): string[] {
  const where = [`tasks.user_id = ${values.add(userId)}`];
  if (query.status !== 'all') where.push(`tasks.status = ${values.add(query.status)}`);
  if (query.priority) where.push(`tasks.priority = ${values.add(query.priority)}`);
  if (query.tag) where.push(`tasks.tags @> array[${values.add(query.tag)}]::text[]`);
  if (query.q) where.push(`tasks.search @@ to_tsquery('simple', ${values.add(searchTsQuery(query.q))})`);
  if (query.list)
    where.push(`${LIST_KEY} = ${values.add(query.list === 'inbox' ? INBOX_KEY : query.list)}::uuid`);
  if (query.undated) where.push('tasks.due_at is null');
  // Closed ranges (see TaskListQuery): a task due at exactly `dueTo` is in the list.
  if (query.dueFrom) where.push(`tasks.due_at >= ${values.add(query.dueFrom)}::timestamptz`);
  if (query.dueTo) where.push(`tasks.due_at <= ${values.add(query.dueTo)}::timestamptz`);
  if (query.completedFrom)
    where.push(`tasks.completed_at >= ${values.add(query.completedFrom)}::timestamptz`);
  if (query.completedTo) where.push(`tasks.completed_at <= ${values.add(query.completedTo)}::timestamptz`);
  if (query.resolvedFilter) where.push(values.fragment(filterSql(query.resolvedFilter)));
  return where;
}

/**
 * The SQL of one page, written out rather than built with knex (whose query builder cost as
 * much CPU as the rest of the request's SQL work); tests EXPLAIN it. It reads limit + 1 rows
 * in the sort's index order (to know whether another page follows) and answers one row: the
 * first `limit` tasks as the API's JSON (their stored `view`s, comma-joined), how
 * many rows it read, and the sort key and id of the last task, for the cursor. With
 * `progressOf`, also how many of the user's events that projection had not applied in the
 * statement's snapshot (`behind`, see eventsBehind).
 */
export function pageQuery(userId: string, query: TaskListQuery, progressOf?: string): PooledStatement {
  const sort = SORT_KEYS[query.sort];
  const direction = query.order;
  const limit = query.limit;
  const values = new StatementValues();
  const where = conditions(userId, query, values);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort.cast);
    if (!cursor)
      throw badRequest('cursor is not one this API gave out for this sort', [
        { field: 'cursor', message: 'must be the nextCursor of a previous page with the same sort' },
      ]);
    const op = direction === 'asc' ? '>' : '<';
    where.push(
      `((${sort.expr}), tasks.id) ${op} (${values.add(cursor.key)}::${sort.cast}, ${values.add(cursor.id)}::uuid)`,
    );
  }
  const behind = progressOf ? values.fragment(eventsBehind(userId, progressOf)) : '0';
  // The limit is part of the text (1–200), so that a prepared statement's plan knows it.
  const rows = limit + 1;
  const inStatus = (status?: string) => `select tasks.view, ${sort.expr} as sort_value, tasks.id
      from tasks
      where ${(status ? [...where, `tasks.status = '${status}'`] : where).join(' and ')}
      order by ${sort.expr} ${direction}, tasks.id ${direction}
      limit ${rows}`;
  // Every index leads with the status, so a page of all tasks is the first rows of each
  // status's walk, merged: at most twice the page, where one read in the sort's order would
  // have had to sort all of the user's tasks.
  const pageRows =
    query.status === 'all'
      ? `select * from (${TaskStatus.options.map((status) => `(${inStatus(status)})`).join(' union all ')}) as statuses
      order by statuses.sort_value ${direction}, statuses.id ${direction}
      limit ${rows}`
      : inStatus();
  const text = `select ${pageAggregateSql(direction, String(limit))},
      ${behind} as behind
    from (${pageRows}) as page`;
  return { text, values: values.list, name: preparable(query) ? statementName(text) : undefined };
}

/**
 * Whether a page may run on a generic plan: when its only conditions are the index's own
 * prefix (user, status, list) and the cursor, every user's values give the same best plan
 * (walk the sort's index). A label, a search, a priority or a date range is as selective
 * as its value says: a generic plan, blind to the value, may read a GIN index and sort all
 * its matches (the planner did so for `tag=work`), so those are planned with their values.
 */
function preparable(query: TaskListQuery): boolean {
  return !hasLabelSearchOrPriority(query) && !hasRangeOrFilter(query);
}

/** A page as the API's JSON text, with what the statement said about it. */
export interface PageJson {
  /** `{"items":[…],"nextCursor":…}`: a `TaskList`. */
  json: string;
  /** Tasks on the page. */
  count: number;
  /** How many of the user's events the projection had not applied (0 without `progressOf`). */
  behind: number;
}

/**
 * The row of a page: a walk's (page-walk.ts) where the page is one for a walk and the walk
 * did not stop at its bound, else the page planned with its values (pageQuery).
 */
async function pageRow(knex: Knex, userId: string, query: TaskListQuery, progressOf?: string) {
  const walk = walkable(query) ? walkStatement(userId, query, progressOf) : null;
  if (walk) {
    const [row] = await queryPooled(knex, walk);
    if (!walkStopped(row!)) return row!;
  }
  const [row] = await queryPooled(knex, pageQuery(userId, query, progressOf));
  return row!;
}

async function pageJson(
  knex: Knex,
  userId: string,
  query: TaskListQuery,
  progressOf?: string,
): Promise<PageJson> {
  const row = await pageRow(knex, userId, query, progressOf);
  const [items, fetched, lastKey, lastId, behind] = row as [
    string | null,
    number,
    string | null,
    string | null,
    string,
  ];
  const nextCursor =
    fetched > query.limit ? `"${encodeCursor({ key: String(lastKey), id: String(lastId) })}"` : 'null';
  return {
    json: `{"items":[${items ?? ''}],"nextCursor":${nextCursor}}`,
    count: Math.min(fetched, query.limit),
    behind: Number(behind),
  };
}

/** One page of the user's tasks: filtered, sorted, after the cursor (keyset pagination). */
export async function listTasks(knex: Knex, userId: string, query: TaskListQuery): Promise<TaskList> {
  return JSON.parse((await pageJson(knex, userId, query)).json) as TaskList;
}

/** The page as the API's JSON text (`TaskList`), for a route to send as it is. */
export async function listTasksJson(knex: Knex, userId: string, query: TaskListQuery): Promise<string> {
  return (await pageJson(knex, userId, query)).json;
}

/**
 * The page's JSON, in one round trip, when it already shows every write of the user (read-
 * your-writes, from the same snapshot as the rows); null when the projection was behind or
 * the page is empty (an empty page cannot say), and the caller waits and reads again.
 */
export async function listTasksJsonIfCaughtUp(
  knex: Knex,
  userId: string,
  query: TaskListQuery,
  projection: string,
): Promise<string | null> {
  const page = await pageJson(knex, userId, query, projection);
  return page.count === 0 || page.behind > 0 ? null : page.json;
}
