import { parseFilter } from '@todo/contracts';

/**
 * The filter a saved view's list asks for: the view's own, narrowed by what is typed in the
 * filter box (`(view) & (typed)`). The list shows one list of results, so a view saved with
 * several (`,`, through the API) shows its first here.
 */
export function effectiveFilter(viewFilter: string, typed: string): string {
  const parsed = parseFilter(viewFilter);
  const own = parsed.ok ? parsed.query.groups[0]!.text : viewFilter;
  const extra = typed.trim();
  if (!own) return extra;
  return extra ? `(${own}) & (${extra})` : own;
}

/** True when the view's filter has several lists, of which the SPA shows the first. */
export const hasSeveralLists = (viewFilter: string): boolean => {
  const parsed = parseFilter(viewFilter);
  return parsed.ok && parsed.query.groups.length > 1;
};
