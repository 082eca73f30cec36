import type { PooledStatement } from '@todo/platform';
import { decodeCursor } from './list-cursor.ts';
import { SORT_KEYS, hasLabelSearchOrPriority, hasRangeOrFilter } from './page-shape.ts';
import { WALK_ROWS, WALK_SORTS, walkFunctionName, type WalkSort } from './page-walk-functions.ts';
import { eventsBehind } from './read-your-writes.ts';
import { searchTsQuery } from './search-query.ts';
import { statementName } from './statement-name.ts';
import { StatementValues } from './statement-values.ts';
import type { TaskListQuery } from './task-list-query.ts';

/**
 * Whether a page is one for a walk function (page-walk-functions.ts): a sort with an index,
 * open or completed tasks, in no particular list, with a label, a search or a priority and
 * nothing else. Other pages are planned as before (list-tasks.ts): a list has its own index, and a date range or
 * filter language query can be served by an index range that a walk would not use.
 */
export function walkable(query: TaskListQuery): query is TaskListQuery & { sort: WalkSort } {
  return (
    (WALK_SORTS as readonly string[]).includes(query.sort) &&
    query.status !== 'all' &&
    hasLabelSearchOrPriority(query) &&
    !query.list &&
    !hasRangeOrFilter(query)
  );
}

/**
 * The statement that reads a walkable page through its walk function, named (its text is one
 * per sort, order, cursor or not, progress or not), with the read-your-writes progress beside
 * it as pageQuery has it. Its row is pageQuery's, and then `walked`; null when the cursor is
 * not one of this sort's (pageQuery answers that with a 400).
 */
export function walkStatement(
  userId: string,
  query: TaskListQuery & { sort: WalkSort },
  progressOf?: string,
): PooledStatement | null {
  const { cast } = SORT_KEYS[query.sort];
  const cursor = query.cursor ? decodeCursor(query.cursor, cast) : undefined;
  if (cursor === null) return null;
  const values = new StatementValues();
  const args = [values.add(userId), values.add(query.status)];
  if (cursor) args.push(`${values.add(cursor.key)}::${cast}`, `${values.add(cursor.id)}::uuid`);
  args.push(
    // Falsy as conditions() reads them: an empty label (the chat's `@` alone) is no label.
    values.add(query.tag || null),
    `to_tsquery('simple', ${values.add(query.q ? searchTsQuery(query.q) : null)})`,
    values.add(query.priority || null),
    values.add(query.limit),
  );
  const behind = progressOf ? values.fragment(eventsBehind(userId, progressOf)) : '0';
  const text = `select walk.items, walk.fetched, walk.last_key, walk.last_id, ${behind} as behind, walk.walked
    from ${walkFunctionName(query.sort, query.order, Boolean(cursor))}(${args.join(', ')}) as walk`;
  return { text, values: values.list, name: statementName(text) };
}

/** Whether a walk's row (walkStatement) stopped at its bound short of a whole page. */
export function walkStopped(row: unknown[]): boolean {
  return row[5] === WALK_ROWS;
}
