import { SORT_KEYS, pageAggregateSql, type Direction } from './page-shape.ts';
import type { TaskListSort } from './task-list-query.ts';

/**
 * How many rows of the sort's index a walk reads at most before it gives up and the page is
 * planned with its values instead (where a label or search is rare, the planner reads the
 * GIN index). A page of 50 with `tag=work` on a third of the tasks reads about 150.
 */
export const WALK_ROWS = 1000;

/**
 * The sorts a walk serves: those with an index in their order (schema.ts). `completed` has
 * none (it serves the chat's short lists of finished tasks), so its walk would read and sort
 * all of the user's completed tasks, where its planned page can read the GIN index.
 */
export const WALK_SORTS = ['due', 'priority', 'created', 'updated'] as const satisfies TaskListSort[];
export type WalkSort = (typeof WALK_SORTS)[number];

/** One SQL function per sort, order, and first page or next: its name. */
export function walkFunctionName(sort: WalkSort, direction: Direction, after: boolean): string {
  return `tasks_page_walk_${sort}_${direction}${after ? '_after' : ''}`;
}

/**
 * The SQL function that reads a page with a label, search or priority by walking the sort's
 * index from the cursor and keeping the rows that match, at most WALK_ROWS of them.
 *
 * Why a function: such a page planned with its values cost PostgreSQL more than running it
 * (by EXPLAIN, `q=invoice` 0.23 ms to plan and 0.20 ms to run), and a prepared statement's
 * generic plan cannot be trusted with it: in a table of many small users (about 20 rows per
 * user by the statistics) the generic plan reads the user's rows through a bitmap and sorts
 * them all, which for a user with thousands of tasks is the whole cost the walk avoids. The
 * function's settings make its plan the walk whatever the statistics say: with sorts and
 * bitmap scans off, the sort's index is the only plan without a disabled node, and the
 * generic plan is kept from the first call. PostgreSQL 18 caches a SQL function's plans per
 * session; the settings hold only while the function runs.
 *
 * It answers the page's row (pageAggregateSql) and, when fewer rows matched than the page
 * asks for (limit + 1), how many rows the walk could read (`walked`, up to WALK_ROWS, counted
 * only then): WALK_ROWS means the walk stopped at its bound, and the page is incomplete.
 */
function walkFunctionSql(sort: WalkSort, direction: Direction, after: boolean): string {
  const { expr, cast } = SORT_KEYS[sort];
  const op = direction === 'asc' ? '>' : '<';
  const from = (alias: string) => {
    const key = expr.replaceAll('tasks.', `${alias}.`);
    const cursor = after ? ` and ((${key}), ${alias}.id) ${op} (p_key, p_id)` : '';
    return `from tasks ${alias}
        where ${alias}.user_id = p_user and ${alias}.status = p_status${cursor}
        order by ${key} ${direction}, ${alias}.id ${direction}
        limit ${WALK_ROWS}`;
  };
  const cursorParams = after ? `p_key ${cast}, p_id uuid, ` : '';
  return `create or replace function ${walkFunctionName(sort, direction, after)}(
      p_user uuid, p_status text, ${cursorParams}p_tag text, p_query tsquery, p_priority text, p_limit int)
    returns table (items text, fetched int, last_key text, last_id text, walked int)
    language sql stable
    set enable_sort = off
    set enable_bitmapscan = off
    set plan_cache_mode = force_generic_plan
    as $walk$
      select ${pageAggregateSql(direction, 'p_limit')},
        case when count(*) <= p_limit
          then (select count(*)::int from (select 1 ${from('b')}) as bounded) end as walked
      from (
        select walk.view, walk.sort_value, walk.id
        from (select t.view, t.tags, t.search, t.priority, ${expr.replaceAll('tasks.', 't.')} as sort_value, t.id
          ${from('t')}) as walk
        where (p_tag is null or walk.tags @> array[p_tag])
          and (p_query is null or walk.search @@ p_query)
          and (p_priority is null or walk.priority = p_priority)
        order by walk.sort_value ${direction}, walk.id ${direction}
        limit p_limit + 1
      ) as page
    $walk$;`;
}

/** Every walk function, for the migration that (re)creates them. */
export function walkFunctionsSql(): string {
  return WALK_SORTS.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((direction) =>
      [false, true].map((after) => walkFunctionSql(sort, direction, after)),
    ),
  ).join('\n');
}
