import type { SortKeyType } from './list-cursor.ts';
import type { TaskListQuery, TaskListSort } from './task-list-query.ts';

/** A page's sort key: the SQL that computes it and the type a cursor's key is read as. */
export interface SortKey {
  expr: string;
  cast: SortKeyType;
}

// Each sort key of the REST API matches an index of the tasks table exactly (see schema.ts);
// `completed` serves the chat's short lists of finished tasks. The columns are qualified:
// in ORDER BY a bare name would name a selected column of the same name, which no index serves.
export const SORT_KEYS: Record<TaskListSort, SortKey> = {
  due: { expr: `coalesce(tasks.due_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
  priority: { expr: 'tasks.priority_rank', cast: 'smallint' },
  created: { expr: 'tasks.created_at', cast: 'timestamptz' },
  updated: { expr: 'tasks.updated_at', cast: 'timestamptz' },
  completed: { expr: `coalesce(tasks.completed_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
};

export type Direction = 'asc' | 'desc';

/**
 * The select list that turns the rows of a page (`page`: `view`, `sort_value`, `id`, at most
 * limit + 1 of them, in the page's order) into one row: the first `limit` tasks as the API's
 * JSON (their stored `view`s, comma-joined), how many rows there were (one more than the
 * limit says that another page follows), and the sort key and id of the last task as text,
 * for the cursor. `limit` is SQL: a number in the text, or a function's parameter. Only the
 * last key is turned into text: turning every row's key into text cost more than the rest
 * of the aggregate.
 */
export function pageAggregateSql(direction: Direction, limit: string): string {
  const inOrder = `order by page.sort_value ${direction}, page.id ${direction}`;
  return `array_to_string((array_agg(page.view ${inOrder}))[1:${limit}], ',') as items,
      count(*)::int as fetched,
      ((array_agg(page.sort_value ${inOrder}))[${limit}])::text as last_key,
      ((array_agg(page.id ${inOrder}))[${limit}])::text as last_id`;
}

/** A label, a search or a priority: the conditions a walk function keeps (page-walk.ts). */
export const hasLabelSearchOrPriority = (query: TaskListQuery): boolean =>
  Boolean(query.tag || query.q || query.priority);

/**
 * A date range, "no date" or a filter language query: conditions an index range may serve,
 * and as selective as their values say, so every page with one is planned with its values.
 */
export const hasRangeOrFilter = (query: TaskListQuery): boolean =>
  Boolean(
    query.resolvedFilter ||
    query.undated ||
    query.dueFrom ||
    query.dueTo ||
    query.completedFrom ||
    query.completedTo,
  );
