import {
  mentionsCompleted,
  parseFilter,
  resolveFilter,
  VIEW_COUNT_CAP,
  type FilterContext,
  type ResolvedFilter,
  type SavedView,
  type SavedViewWithCount,
} from '@todo/contracts';
import type { TasksReadModel } from '@todo/projectors';

/**
 * A view's filter as one condition: its lists (`,`) joined by "or", so that a task in two
 * of them is counted once; null when it no longer reads (the language engine changed).
 */
export function viewCondition(
  filter: string,
  context: FilterContext,
): { filter: ResolvedFilter; status: 'open' | 'all' } | null {
  const parsed = parseFilter(filter);
  if (!parsed.ok) return null;
  const { groups } = parsed.query;
  // As in a list, a list that mentions `completed` searches every task and the others open
  // ones; once one does, the others say "open" in the condition itself.
  const status = groups.some((g) => mentionsCompleted(g.expr)) ? 'all' : 'open';
  let joined: ResolvedFilter | null = null;
  for (const group of groups) {
    const resolved = resolveFilter(group.expr, context);
    if (!resolved.ok) return null;
    const own: ResolvedFilter =
      status === 'all' && !mentionsCompleted(group.expr)
        ? { kind: 'and', left: resolved.filter, right: { kind: 'not', operand: { kind: 'completed' } } }
        : resolved.filter;
    joined = joined ? { kind: 'or', left: joined, right: own } : own;
  }
  return joined ? { filter: joined, status } : null;
}

/** Each view with the number of tasks it shows now (see `SavedViewWithCount`). */
export async function withCounts(
  tasks: TasksReadModel,
  userId: string,
  views: readonly SavedView[],
  context: FilterContext,
): Promise<SavedViewWithCount[]> {
  return Promise.all(
    views.map(async (view) => {
      const condition = viewCondition(view.filter, context);
      if (!condition) return { ...view, count: null, countCapped: false };
      const { count, capped } = await tasks.count(userId, condition.filter, condition.status, VIEW_COUNT_CAP);
      return { ...view, count, countCapped: capped };
    }),
  );
}
