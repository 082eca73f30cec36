import type { Priority, ResolvedFilter, SORT_FIELDS, TaskStatus } from '@todo/contracts';

/** The list sorts of the REST API, plus the order a "what did I finish" question wants. */
export type TaskListSort = (typeof SORT_FIELDS)[number] | 'completed';

/**
 * A page of one user's tasks, as `GET /api/tasks` and the chat ask for it. Every range is
 * closed at both ends: `dueFrom` and `dueTo` include a task due at exactly that instant
 * ("due from Monday to Friday" includes Friday; the SPA sends the last millisecond of the day
 * it means). A caller holding a half-open range ends it one millisecond earlier (every stored
 * instant has millisecond precision: `Instant` normalises it).
 */
export interface TaskListQuery {
  status: TaskStatus | 'all';
  priority?: Priority | undefined;
  tag?: string | undefined;
  /** Free text, matched as word prefixes against title and description. */
  q?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** Only tasks without a due date. */
  undated?: boolean | undefined;
  completedFrom?: string | undefined;
  completedTo?: string | undefined;
  /** A list's id, or `inbox` for the tasks in no list. */
  list?: string | undefined;
  /** A filter in the filter language, resolved to instants (contracts' `resolveFilter`). */
  resolvedFilter?: ResolvedFilter | undefined;
  sort: TaskListSort;
  order: 'asc' | 'desc';
  limit: number;
  /** The `nextCursor` of the previous page, for the same sort. */
  cursor?: string | undefined;
}
