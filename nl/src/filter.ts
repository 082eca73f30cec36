import type { NlDueRange, NlFilter, Priority } from '@todo/contracts';
import { isoOf, type Reference } from './local-time.ts';
import { readList, type NlListRef } from './lists.ts';
import { consume, type Scanner } from './scanner.ts';

const DUE_WORDS: [RegExp, NlDueRange][] = [
  [/\b(?:over\s*due|late|past\s+due|missed|behind)\b/g, 'overdue'],
  [/\b(?:today|today's|tonight)\b/g, 'today'],
  [/\b(?:tomorrow|tomorrow's)\b/g, 'tomorrow'],
  [/\bnext\s+week\b/g, 'next_week'],
  [/\b(?:this\s+week|the\s+week|for\s+the\s+week|week)\b/g, 'this_week'],
  [/\b(?:this\s+month|the\s+month)\b/g, 'this_month'],
  [/\b(?:upcoming|coming\s+up|soon|next\s+(?:7|seven)\s+days)\b/g, 'upcoming'],
  [/\b(?:no|without\s+(?:a\s+)?)\s*(?:due\s+)?date\b|\b(?:undated|unscheduled|someday)\b/g, 'no_date'],
];
const STATUS_WORDS: [RegExp, NlFilter['status']][] = [
  [
    /\b(?:completed|complete|done|finished|closed|did\s+i\s+(?:do|finish|complete)|have\s+i\s+(?:done|finished|completed))\b/g,
    'completed',
  ],
  [/\b(?:all\s+(?:my\s+)?(?:tasks|todos)|everything|all)\b/g, 'all'],
];
const PRIORITY_WORDS: [RegExp, Priority][] = [
  [/\b(?:high(?:est)?[\s-]+prio(?:rity)?|urgent|important|p1)\b/g, 'high'],
  [/\b(?:medium[\s-]+prio(?:rity)?|p2)\b/g, 'medium'],
  [/\b(?:low[\s-]+prio(?:rity)?|p3)\b/g, 'low'],
];
const TAG =
  /(?<=^|\s)@([\p{L}\p{N}_\-/.&+]+)|\b(?:tagged|tag|labell?ed|label)\s+(?:with\s+|as\s+)?[@#]?([\p{L}\p{N}_\-/.&+]+)/gu;

function first<T>(s: Scanner, rules: [RegExp, T][], from: number): T | null {
  for (const [re, value] of rules) {
    re.lastIndex = from;
    const m = re.exec(s.work);
    if (!m) continue;
    consume(s, 'filter', m.index, m.index + m[0].length);
    return value;
  }
  return null;
}

/** The [from, to) instants of a named due range, in the user's zone; weeks start on Monday. */
export function dueBounds(ref: Reference, due: NlDueRange): { dueFrom?: string; dueTo?: string } {
  const today = ref.now.startOf('day');
  switch (due) {
    case 'today':
      return { dueFrom: isoOf(today), dueTo: isoOf(today.plus({ days: 1 })) };
    case 'tomorrow':
      return { dueFrom: isoOf(today.plus({ days: 1 })), dueTo: isoOf(today.plus({ days: 2 })) };
    case 'this_week':
      return {
        dueFrom: isoOf(today.startOf('week')),
        dueTo: isoOf(today.startOf('week').plus({ weeks: 1 })),
      };
    case 'next_week':
      return {
        dueFrom: isoOf(today.startOf('week').plus({ weeks: 1 })),
        dueTo: isoOf(today.startOf('week').plus({ weeks: 2 })),
      };
    case 'this_month':
      return {
        dueFrom: isoOf(today.startOf('month')),
        dueTo: isoOf(today.startOf('month').plus({ months: 1 })),
      };
    case 'overdue':
      return { dueTo: isoOf(ref.now) };
    case 'upcoming':
      return { dueFrom: isoOf(ref.now), dueTo: isoOf(ref.now.plus({ days: 7 })) };
    case 'no_date':
      return {};
  }
}

/**
 * "what's due today?", "show overdue tasks", "list @home", "show #Work" (one of the user's
 * lists), "high priority tasks", "what did I finish?"
 */
export function readFilter(
  s: Scanner,
  ref: Reference,
  from: number,
  lists: readonly NlListRef[] = [],
): NlFilter {
  const filter: NlFilter = { status: 'open' };
  const list = readList(s, lists, from, s.text.length);
  if (list) filter.list = list.listId ?? 'inbox';
  TAG.lastIndex = from;
  const tag = TAG.exec(s.text);
  if (tag) {
    filter.tag = (tag[1] ?? tag[2])!.replace(/[.,;:!?]+$/, '').toLowerCase();
    consume(s, 'filter', tag.index, tag.index + tag[0].replace(/[.,;:!?]+$/, '').length);
  }
  const priority = first(s, PRIORITY_WORDS, from);
  if (priority) filter.priority = priority;
  const due = first(s, DUE_WORDS, from);
  const status = first(s, STATUS_WORDS, from);
  if (status) filter.status = status;
  if (due) {
    filter.due = due;
    Object.assign(filter, dueBounds(ref, due));
  }
  return filter;
}
