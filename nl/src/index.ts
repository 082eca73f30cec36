// The natural-language engine: pure functions of (text, now, zone); no I/O.
export { parse, parseListText, parseTaskText, snoozeUntilText, type ParseOptions } from './parse.ts';
export { cleanTarget } from './target.ts';
export { ordinalOf } from './vocabulary.ts';
export { usableZone } from './local-time.ts';
export { describeDue, describeRecurrence, joinWords } from './describe.ts';
export { filterDateSpan } from './filter-date.ts';
export type { NlListRef } from './lists.ts';
