import {
  filterErrorMessage,
  mentionsCompleted,
  parseFilter,
  resolveFilter,
  type FilterContext,
  type FilterError,
  type ListTasksQuery,
  type TaskListResponse,
} from '@todo/contracts';
import { filterDateSpan, usableZone } from '@todo/nl';
import { badRequest, type Clock } from '@todo/platform';
import type { ListsReadModel, TasksReadModel } from '@todo/projectors';

/** Where the user's zone comes from: the users table, through the command side's repository. */
export interface UserZones {
  timezoneOf(userId: string): Promise<string>;
}

export interface FilteredListDeps {
  tasks: TasksReadModel;
  lists: ListsReadModel;
  clock: Clock;
  userZones: UserZones;
}

/** "Now" and the user's zone, in which every date of a filter is read; the NL engine reads the rest. */
export async function filterContextFor(
  deps: Omit<FilteredListDeps, 'tasks'>,
  userId: string,
): Promise<FilterContext> {
  const now = deps.clock.now();
  const timezone = usableZone(await deps.userZones.timezoneOf(userId));
  // `#Name` names any of the user's lists, archived ones too; another user's are unknown.
  const lists = await deps.lists.names(userId);
  return { now, timezone, lists, resolveDate: (text: string) => filterDateSpan(text, { now, timezone }) };
}

const refuse = (error: FilterError) =>
  badRequest(`filter: ${filterErrorMessage(error)}`, [
    { field: 'filter', message: filterErrorMessage(error) },
  ]);

/**
 * `GET /api/tasks?filter=…`: each list of the filter resolved in the user's zone at the
 * clock's now (dates the filter's own words do not cover go to the NL engine), then read
 * through the read model. One list answers as a plain page; several answer as groups.
 */
export async function listFiltered(
  deps: FilteredListDeps,
  userId: string,
  query: ListTasksQuery & { filter: string },
): Promise<TaskListResponse> {
  const parsed = parseFilter(query.filter);
  if (!parsed.ok) throw refuse(parsed.error);
  const { groups } = parsed.query;
  if (groups.length > 1 && query.cursor)
    throw badRequest('cursor pages one list: send it with one group’s filter', [
      { field: 'cursor', message: 'is not allowed with a filter of several lists (",")' },
    ]);
  const context = await filterContextFor(deps, userId);
  const pages = [];
  for (const group of groups) {
    const resolved = resolveFilter(group.expr, context);
    if (!resolved.ok) throw refuse(resolved.error);
    const status = mentionsCompleted(group.expr) ? 'all' : 'open';
    const page = await deps.tasks.list(userId, { ...query, status, resolvedFilter: resolved.filter });
    pages.push({ filter: group.text, ...page });
  }
  return groups.length === 1
    ? { items: pages[0]!.items, nextCursor: pages[0]!.nextCursor }
    : { groups: pages };
}
