import {
  matchesFilter,
  mentionsCompleted,
  parseFilter,
  resolveFilter,
  type Priority,
  type TaskView,
} from '@todo/contracts';
import type { TaskQuery } from '../../core/api/tasks-api';
import { startOfDay, zonedToInstant } from '../../core/time/zoned-time';

export const TASK_VIEWS = ['today', 'upcoming', 'all', 'completed'] as const;
export type TaskViewName = (typeof TASK_VIEWS)[number];
export const VIEW_LABELS: Record<TaskViewName, string> = {
  today: 'Today',
  upcoming: 'Upcoming',
  all: 'All',
  completed: 'Completed',
};

export function isTaskViewName(value: string): value is TaskViewName {
  return (TASK_VIEWS as readonly string[]).includes(value);
}

export type SortField = 'due' | 'priority' | 'created' | 'updated';
export type SortOrder = 'asc' | 'desc';

export interface TaskFilters {
  priority: Priority | '';
  tag: string;
  q: string;
  /** YYYY-MM-DD in the user's zone, inclusive */
  dueFrom: string;
  /** YYYY-MM-DD in the user's zone, inclusive */
  dueTo: string;
  sort: SortField;
  order: SortOrder;
  /** A filter in the filter language (contracts' parser); the server resolves it. */
  filter: string;
}

export const EMPTY_FILTERS: TaskFilters = {
  priority: '',
  tag: '',
  q: '',
  dueFrom: '',
  dueTo: '',
  sort: 'due',
  order: 'asc',
  filter: '',
};

const later = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);
const earlier = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a < b ? a : b);

/**
 * The list query for a view plus the filter bar. Today includes overdue tasks; Upcoming
 * starts tomorrow; the filter's date range narrows the view's own range.
 */
export function queryFor(view: TaskViewName, filters: TaskFilters, now: number, zone: string): TaskQuery {
  const tomorrow = startOfDay(now, zone, 1);
  const justBeforeTomorrow = new Date(Date.parse(tomorrow) - 1).toISOString();
  const status = view === 'completed' ? 'completed' : view === 'all' ? 'all' : 'open';
  const viewFrom = view === 'upcoming' ? tomorrow : undefined;
  const viewTo = view === 'today' ? justBeforeTomorrow : undefined;
  const filterFrom = filters.dueFrom ? zonedToInstant(filters.dueFrom, '00:00', zone) : undefined;
  const filterTo = filters.dueTo
    ? new Date(
        Date.parse(startOfDay(Date.parse(zonedToInstant(filters.dueTo, '12:00', zone)), zone, 1)) - 1,
      ).toISOString()
    : undefined;
  const query: TaskQuery = { status, sort: filters.sort, order: filters.order, limit: 100 };
  const dueFrom = later(viewFrom, filterFrom);
  const dueTo = earlier(viewTo, filterTo);
  if (dueFrom) query.dueFrom = dueFrom;
  if (dueTo) query.dueTo = dueTo;
  if (filters.priority) query.priority = filters.priority;
  const tag = filters.tag.trim().replace(/^#/, '').toLowerCase();
  if (tag) query.tag = tag;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.filter.trim()) query.filter = filters.filter.trim();
  return query;
}

/**
 * Whether a task belongs in a list query, so live changes can be placed without a reload.
 * Search is approximated by a substring match (the server's full-text search decides on reload).
 */
export function matchesQuery(
  task: TaskView,
  query: TaskQuery,
  at?: { now: number; zone: string; lists?: readonly { id: string; name: string }[] },
): boolean {
  if (query.filter) {
    // With a filter the server ignores `status`: the filter decides (see filterVerdict).
    if (at && filterVerdict(task, query.filter, at.now, at.zone, at.lists) === false) return false;
  } else {
    const status = query.status ?? 'open';
    if (status !== 'all' && task.status !== status) return false;
  }
  if (query.list && (task.listId ?? 'inbox') !== query.list) return false;
  if (query.priority && task.priority !== query.priority) return false;
  if (query.tag && !task.tags.includes(query.tag)) return false;
  if (query.q) {
    const q = query.q.toLowerCase();
    if (!task.title.toLowerCase().includes(q) && !task.description.toLowerCase().includes(q)) return false;
  }
  if (query.dueFrom || query.dueTo) {
    if (!task.dueAt) return false;
    const due = Date.parse(task.dueAt);
    if (query.dueFrom && due < Date.parse(query.dueFrom)) return false;
    if (query.dueTo && due > Date.parse(query.dueTo)) return false;
  }
  return true;
}

/**
 * Whether a task is in a filter's list, resolved as the server does (same parser, same
 * evaluation, in the user's zone); undefined when only the server can tell — a date only
 * its language engine reads ("next friday"), which the next reload applies.
 */
export function filterVerdict(
  task: TaskView,
  filter: string,
  now: number,
  zone: string,
  lists?: readonly { id: string; name: string }[],
): boolean | undefined {
  const parsed = parseFilter(filter);
  if (!parsed.ok || parsed.query.groups.length !== 1) return undefined;
  const expr = parsed.query.groups[0]!.expr;
  if (!mentionsCompleted(expr) && task.status !== 'open') return false;
  // Without the user's lists a `#list` cannot be told here: leave it to the next reload.
  if (!lists && /#/.test(filter)) return undefined;
  const resolved = resolveFilter(expr, { now: new Date(now), timezone: zone, ...(lists ? { lists } : {}) });
  return resolved.ok ? matchesFilter(task, resolved.filter) : undefined;
}

const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** Same order as the query API: tasks without a due date last, then newest first by id. */
export function compareTasks(sort: SortField, order: SortOrder): (a: TaskView, b: TaskView) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => {
    let diff = 0;
    if (sort === 'due') {
      if (a.dueAt === null || b.dueAt === null) {
        diff = a.dueAt === b.dueAt ? 0 : a.dueAt === null ? 1 : -1;
        if (diff !== 0) return diff;
      } else diff = sign * (Date.parse(a.dueAt) - Date.parse(b.dueAt));
    } else if (sort === 'priority') diff = sign * (PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
    else if (sort === 'created') diff = sign * (Date.parse(a.createdAt) - Date.parse(b.createdAt));
    else diff = sign * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
    return diff !== 0 ? diff : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
