export * from './ast.ts';
export { parseFilter } from './parse-filter.ts';
export { TERM_FORMS } from './terms.ts';
export {
  mentionsCompleted,
  resolveFilter,
  type DateSpan,
  type FilterContext,
  type ResolvedFilter,
  type ResolveResult,
} from './resolve-filter.ts';
export { matchesFilter, type FilterableTask } from './evaluate-filter.ts';
export { startOfZonedDay } from './zoned-day.ts';
