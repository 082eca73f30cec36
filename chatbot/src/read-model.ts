import { TASK_REMINDER_FIRED, type ChatTaskRef, type NlFilter, type ResolvedFilter } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { TasksReadModel, type TaskListQuery } from '@todo/projectors';
import type { TaskSnapshot } from './conversation-state.ts';

/** A task of the read model as the chatbot needs it. */
export interface TaskRow extends ChatTaskRef, TaskSnapshot {
  completedAt: string | null;
}

/**
 * The language engine resolves a span as [from, to); the read model's ranges are closed, as
 * in the REST API. Stored instants have millisecond precision, so ending one millisecond
 * before `to` is the same range.
 */
const lastMillisecondBefore = (to: string) => new Date(Date.parse(to) - 1).toISOString();

/** A list question as a read-model query; for completed tasks the range is when they were done. */
function listQueryOf(filter: NlFilter, limit: number): TaskListQuery {
  const from = filter.dueFrom;
  const to = filter.dueTo === undefined ? undefined : lastMillisecondBefore(filter.dueTo);
  const base = {
    status: filter.status,
    priority: filter.priority,
    tag: filter.tag,
    list: filter.list,
    undated: filter.due === 'no_date',
    limit,
  };
  return filter.status === 'completed'
    ? { ...base, completedFrom: from, completedTo: to, sort: 'completed', order: 'desc' }
    : { ...base, dueFrom: from, dueTo: to, sort: 'due', order: 'asc' };
}

/**
 * Reads the tasks read model for one user only, through the same module the query API
 * uses; the chatbot waits for its own writes to show there before reading (below).
 */
export class ChatReadModel {
  private readonly knex: Knex;
  private readonly tasks: TasksReadModel;
  constructor(knex: Knex) {
    this.knex = knex;
    this.tasks = new TasksReadModel(knex);
  }

  /** Tasks whose title contains every word of `target` (case-insensitive). */
  matching(userId: string, target: string, statuses: ('open' | 'completed')[]): Promise<TaskRow[]> {
    return this.tasks.matching(userId, target, statuses);
  }

  byId(userId: string, taskId: string): Promise<TaskRow | null> {
    return this.tasks.get(userId, taskId);
  }

  /** A list question; for completed tasks the date range applies to when they were done. */
  async list(userId: string, filter: NlFilter, limit: number): Promise<TaskRow[]> {
    return (await this.tasks.list(userId, listQueryOf(filter, limit))).items;
  }

  /** A question in the filter language, in due order (the filter decides the status). */
  async listFiltered(
    userId: string,
    filter: ResolvedFilter,
    status: 'open' | 'all',
    limit: number,
  ): Promise<TaskRow[]> {
    const query = { status, sort: 'due', order: 'asc', limit, resolvedFilter: filter } as const;
    return (await this.tasks.list(userId, query)).items;
  }

  /** Waits (bounded) until the projection has applied all of the user's events. */
  caughtUp(userId: string, timeoutMs = 2000): Promise<boolean> {
    return this.tasks.caughtUp(userId, timeoutMs);
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
