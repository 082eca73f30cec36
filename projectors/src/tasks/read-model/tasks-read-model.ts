import type { ResolvedFilter, TaskList, TaskStatus, TaskView } from '@todo/contracts';
import { HttpProblem, type Knex } from '@todo/platform';
import { LIST_KEY, TASK_COLUMNS } from '../schema.ts';
import { toTaskView } from '../task-doc.ts';
import { rowToDoc } from '../task-row.ts';
import { TASKS_PROJECTION } from '../tasks-projection.ts';
import { countMatching, type MatchCount } from './count-matching.ts';
import { listTasks, listTasksJson, listTasksJsonIfCaughtUp } from './list-tasks.ts';
import { tasksMatching } from './matching-tasks.ts';
import { waitForUsersWrites } from './read-your-writes.ts';
import type { TaskListQuery } from './task-list-query.ts';

/**
 * The one way to read the tasks projection: the query API, the chat and the realtime gateway
 * all read through it, so only this package knows the `tasks` table. Every read is for one
 * user; another user's task looks exactly like a missing one.
 */
export class TasksReadModel {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** The task as `GET /api/tasks/:id` shows it, or null when it is not the user's. */
  async get(userId: string, taskId: string): Promise<TaskView | null> {
    const row = await this.knex('tasks').select(TASK_COLUMNS).where({ id: taskId, user_id: userId }).first();
    return row ? toTaskView(rowToDoc(row)) : null;
  }

  list(userId: string, query: TaskListQuery): Promise<TaskList> {
    return listTasks(this.knex, userId, query);
  }

  /**
   * `list` once the user's writes so far are in it (read-your-writes, as `caughtUp` then
   * `list`), as the API's JSON text of the `TaskList`, for a route to send without parsing
   * it; in one round trip when the projection is not behind, which is the usual case.
   */
  async listJsonAfterWrites(userId: string, query: TaskListQuery, timeoutMs = 2000): Promise<string> {
    const page = await listTasksJsonIfCaughtUp(this.knex, userId, query, TASKS_PROJECTION);
    if (page !== null) return page;
    await this.caughtUp(userId, timeoutMs);
    return listTasksJson(this.knex, userId, query);
  }

  /** How many tasks a filter matches (a saved view's count), stopping at `cap`. */
  count(userId: string, filter: ResolvedFilter, status: 'open' | 'all', cap: number): Promise<MatchCount> {
    return countMatching(this.knex, userId, filter, status, cap);
  }

  /**
   * Every task (open or completed) in the list, once the user's writes so far are in the
   * read model: what deleting the list moves (domain's `ListMembers` port).
   */
  async taskIdsIn(userId: string, listId: string): Promise<string[]> {
    if (!(await this.caughtUp(userId))) {
      throw new HttpProblem(
        503,
        'not-caught-up',
        'Service Unavailable',
        'the read model is behind: retry shortly',
      );
    }
    const rows: { id: string }[] = await this.knex('tasks')
      .select('id')
      .where({ user_id: userId })
      .whereIn('status', ['open', 'completed'])
      .andWhereRaw(`${LIST_KEY} = ?::uuid`, [listId])
      .orderBy('id');
    return rows.map((r) => r.id);
  }

  matching(userId: string, target: string, statuses: readonly TaskStatus[]): Promise<TaskView[]> {
    return tasksMatching(this.knex, userId, target, statuses);
  }

  /**
   * Read-your-writes: waits (bounded) until the projection has applied all of the user's
   * events; false when it has not within `timeoutMs`.
   */
  caughtUp(userId: string, timeoutMs = 2000): Promise<boolean> {
    return waitForUsersWrites(this.knex, userId, TASKS_PROJECTION, timeoutMs);
  }
}
