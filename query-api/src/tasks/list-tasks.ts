import type { ListTasksQuery, TaskList } from '@todo/contracts';
import { badRequest, type Knex } from '@todo/platform';
import { rowToDoc } from '@todo/projectors/tasks/task-row.ts';
import { toTaskView } from '@todo/projectors/tasks/task-doc.ts';
import { TASK_COLUMNS } from '@todo/projectors/tasks/schema.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { toPrefixTsQuery } from './search-query.ts';

// Each sort key matches an index of the tasks table exactly (see projectors' schema.ts).
const SORT_KEYS = {
  due: { expr: `coalesce(due_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
  priority: { expr: 'priority_rank', cast: 'smallint' },
  created: { expr: 'created_at', cast: 'timestamptz' },
  updated: { expr: 'updated_at', cast: 'timestamptz' },
} as const;

export async function listTasks(knex: Knex, userId: string, query: ListTasksQuery): Promise<TaskList> {
  const sort = SORT_KEYS[query.sort];
  const direction = query.order === 'desc' ? 'desc' : 'asc';
  const q = knex('tasks')
    .select([...TASK_COLUMNS, knex.raw(`(${sort.expr})::text as sort_key`)])
    .where('user_id', userId);
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
  if (query.dueFrom) q.andWhere('due_at', '>=', query.dueFrom);
  if (query.dueTo) q.andWhere('due_at', '<=', query.dueTo);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort.cast);
    if (!cursor)
      throw badRequest('cursor is not one this API gave out for this sort', [
        { field: 'cursor', message: 'must be the nextCursor of a previous page with the same sort' },
      ]);
    const op = direction === 'asc' ? '>' : '<';
    q.andWhereRaw(`((${sort.expr}), id) ${op} (?::${sort.cast}, ?::uuid)`, [cursor.key, cursor.id]);
  }
  q.orderByRaw(`${sort.expr} ${direction}, id ${direction}`).limit(query.limit + 1);
  const rows: Record<string, unknown>[] = await q;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ key: String(last.sort_key), id: String(last.id) })
      : null;
  return { items: page.map((r) => toTaskView(rowToDoc(r))), nextCursor };
}

export async function getTask(knex: Knex, userId: string, taskId: string) {
  const row = await knex('tasks').select(TASK_COLUMNS).where({ id: taskId, user_id: userId }).first();
  return row ? toTaskView(rowToDoc(row)) : null;
}
