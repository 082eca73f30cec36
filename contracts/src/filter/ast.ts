import type { Priority } from '../task-fields.ts';

/** Bounds of a filter: longer or deeper ones are refused before any work is done on them. */
export const FILTER_MAX_LENGTH = 500;
export const FILTER_MAX_DEPTH = 20;
export const FILTER_MAX_GROUPS = 10;
/** `N days` / `-N days` are bounded so that every range stays inside the supported instants. */
export const FILTER_MAX_DAYS = 3650;

/** Where a piece of the filter lies in its text: [start, end) in UTF-16 code units. */
export interface FilterSpan {
  start: number;
  end: number;
}

/** Todoist's p1 is the most urgent: p1 high, p2 medium, p3 low, p4 none. */
export const PRIORITY_OF_LEVEL: Record<1 | 2 | 3 | 4, Priority> = {
  1: 'high',
  2: 'medium',
  3: 'low',
  4: 'none',
};

export type DateField = 'due' | 'created';
/** `before` and `after` exclude the day (or instant) named; `on` is within it. */
export type DateRelation = 'before' | 'after' | 'on';

export type FilterTerm = FilterSpan &
  (
    | { kind: 'today' }
    | { kind: 'tomorrow' }
    | { kind: 'overdue' }
    | { kind: 'noDate' }
    /** `7 days`, `next 7 days`: due from the start of today to the end of the 7th day. */
    | { kind: 'nextDays'; days: number }
    /** `due before: next friday`: the date is kept as text and resolved at evaluation. */
    | { kind: 'date'; field: DateField; relation: DateRelation; text: string; textStart: number }
    | { kind: 'priority'; level: 1 | 2 | 3 | 4; priority: Priority }
    | { kind: 'label'; name: string }
    | { kind: 'noLabels' }
    /** `#Work`: the tasks of the user's lists of that name (any case); none when there is none. */
    | { kind: 'list'; name: string }
    | { kind: 'search'; text: string }
    | { kind: 'recurring' }
    | { kind: 'completed' }
  );

export type FilterExpr =
  | FilterTerm
  | (FilterSpan & { kind: 'and'; left: FilterExpr; right: FilterExpr })
  | (FilterSpan & { kind: 'or'; left: FilterExpr; right: FilterExpr })
  | (FilterSpan & { kind: 'not'; operand: FilterExpr });

/** One list of results: `today, overdue` has two. `text` is its part of the filter, trimmed. */
export interface FilterGroup extends FilterSpan {
  text: string;
  expr: FilterExpr;
}

export interface FilterQuery {
  groups: FilterGroup[];
}

export type FilterErrorKind = 'syntax' | 'too_long' | 'too_deep' | 'too_many_groups' | 'date';

/** Why a filter was refused, where (an offset into the text) and what would have been accepted. */
export interface FilterError {
  kind: FilterErrorKind;
  position: number;
  expected: string[];
  message: string;
}

export type FilterParseResult = { ok: true; query: FilterQuery } | { ok: false; error: FilterError };
