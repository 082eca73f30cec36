import {
  filterErrorMessage,
  mentionsCompleted,
  parseFilter,
  resolveFilter,
  type ResolvedFilter,
} from '@todo/contracts';
import { filterDateSpan } from '@todo/nl';

/** "filter: today & p1 | overdue", "show filter: @work & 7 days": a question in the filter language. */
const FILTER_MESSAGE = /^\s*(?:(?:show|list|find)\s+(?:me\s+)?)?filter\s*:\s*(.+)$/isu;

export type FilterQuestion =
  { ok: true; text: string; filter: ResolvedFilter; status: 'open' | 'all' } | { ok: false; reply: string };

/** The filter a message asks for, resolved in the user's zone at `now`; null when it asks none. */
export function filterQuestion(
  message: string,
  now: Date,
  timezone: string,
  lists: readonly { id: string; name: string }[] = [],
): FilterQuestion | null {
  const text = FILTER_MESSAGE.exec(message)?.[1]?.trim();
  if (text === undefined) return null;
  const parsed = parseFilter(text);
  if (!parsed.ok)
    return { ok: false, reply: `I could not read that filter: ${filterErrorMessage(parsed.error)}.` };
  if (parsed.query.groups.length > 1)
    return {
      ok: false,
      reply: 'I list one filter at a time here: ask without the ",", or use the task list.',
    };
  const expr = parsed.query.groups[0]!.expr;
  const resolved = resolveFilter(expr, {
    now,
    timezone,
    lists,
    resolveDate: (date) => filterDateSpan(date, { now, timezone }),
  });
  if (!resolved.ok)
    return { ok: false, reply: `I could not read that filter: ${filterErrorMessage(resolved.error)}.` };
  return { ok: true, text, filter: resolved.filter, status: mentionsCompleted(expr) ? 'all' : 'open' };
}
