import { TASK_REMINDER_FIRED, type ChatTaskRef, type NlFilter } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { waitForUsersWrites } from '@todo/projectors/tasks/read-your-writes.ts';
import { TASK_COLUMNS } from '@todo/projectors/tasks/schema.ts';
import { rowToDoc } from '@todo/projectors/tasks/task-row.ts';
import type { TaskSnapshot } from './conversation-state.ts';

/** A row of the tasks read model as the chatbot needs it. */
export interface TaskRow extends ChatTaskRef, TaskSnapshot {
  completedAt: string | null;
}

const COLUMNS = TASK_COLUMNS;
// The projection's own row mapping: the chat sees tasks exactly as the query API does.
const toTask = (r: Record<string, unknown>): TaskRow => rowToDoc(r);

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Reads the tasks projection for one user only. It is the same read model the query API
 * serves; the chatbot waits for its own writes to show there before reading (below).
 */
export class ChatReadModel {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Tasks whose title contains every word of `target` (case-insensitive). */
  async matching(userId: string, target: string, statuses: ('open' | 'completed')[]): Promise<TaskRow[]> {
    const words = target
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0)
      .slice(0, 10);
    if (words.length === 0) return [];
    const q = this.knex('tasks').select(COLUMNS).where('user_id', userId).whereIn('status', statuses);
    for (const w of words) q.andWhereRaw(`title ilike ? escape '\\'`, [`%${escapeLike(w)}%`]);
    const rows: Record<string, unknown>[] = await q.orderBy('updated_at', 'desc').limit(50);
    return rows.map(toTask);
  }

  async byId(userId: string, taskId: string): Promise<TaskRow | null> {
    const row = await this.knex('tasks').select(COLUMNS).where({ id: taskId, user_id: userId }).first();
    return row ? toTask(row) : null;
  }

  /** A list question; for completed tasks the date range applies to when they were done. */
  async list(userId: string, filter: NlFilter, limit: number): Promise<TaskRow[]> {
    const q = this.knex('tasks').select(COLUMNS).where('user_id', userId);
    if (filter.status !== 'all') q.andWhere('status', filter.status);
    if (filter.priority) q.andWhere('priority', filter.priority);
    if (filter.tag) q.andWhereRaw('tags @> array[?]::text[]', [filter.tag]);
    const column = filter.status === 'completed' ? 'completed_at' : 'due_at';
    if (filter.due === 'no_date') q.whereNull('due_at');
    if (filter.dueFrom) q.andWhere(column, '>=', filter.dueFrom);
    if (filter.dueTo) q.andWhere(column, '<', filter.dueTo);
    q.orderByRaw(
      `coalesce(${column}, 'infinity'::timestamptz) ${column === 'completed_at' ? 'desc' : 'asc'}, id`,
    );
    const rows: Record<string, unknown>[] = await q.limit(limit);
    return rows.map(toTask);
  }

  /** Waits (bounded) until the projection has applied all of the user's events. */
  caughtUp(userId: string, timeoutMs = 2000): Promise<boolean> {
    return waitForUsersWrites(this.knex, userId, 'tasks', timeoutMs);
  }

  /** The task whose reminder went off most recently: what a bare "snooze" means. */
  async lastReminded(userId: string): Promise<{ taskId: string; reminderId: string } | null> {
    const row = await this.knex('events')
      .where({ user_id: userId, type: TASK_REMINDER_FIRED })
      .orderBy('position', 'desc')
      .first('stream_id', 'data');
    return row
      ? { taskId: row.stream_id, reminderId: (row.data as { reminderId: string }).reminderId }
      : null;
  }
}
