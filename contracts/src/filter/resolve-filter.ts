import { isInstantInRange } from '../instant-range.ts';
import { INBOX_LIST_KEY, INBOX_NAME } from '../lists.ts';
import type { Priority } from '../task-fields.ts';
import {
  FILTER_MAX_DAYS,
  type DateField,
  type FilterError,
  type FilterExpr,
  type FilterTerm,
} from './ast.ts';
import { startOfZonedDay } from './zoned-day.ts';
import { wallClockOf } from '../recurrence/wall-clock.ts';

/** The span a date names, [from, to) as ISO instants: a whole day, or one instant's millisecond. */
export interface DateSpan {
  from: string;
  to: string;
}

export interface FilterContext {
  now: Date;
  /** The user's IANA zone: "today" and every date in the filter are days of this zone. */
  timezone: string;
  /**
   * Dates the filter's own vocabulary does not know ("next friday"): the server passes the NL
   * engine. Without it only today, tomorrow, yesterday, ±N days and YYYY-MM-DD are known.
   */
  resolveDate?: (text: string) => DateSpan | null;
  /**
   * The user's lists (archived ones too), for `#Name`. Without them, or with no list of
   * that name, `#Name` matches nothing (`#Inbox` still means the tasks in no list).
   */
  lists?: readonly { id: string; name: string }[];
}

/** A filter with every date turned into instants: what SQL and the reference evaluator read. */
export type ResolvedFilter =
  | { kind: 'and' | 'or'; left: ResolvedFilter; right: ResolvedFilter }
  | { kind: 'not'; operand: ResolvedFilter }
  /** Due in [from, to); a bound that is null is open. Never matches a task without a date. */
  | { kind: 'due'; from: string | null; to: string | null }
  | { kind: 'created'; from: string | null; to: string | null }
  /** A timed task due before `now`, or an all-day task due before today. */
  | { kind: 'overdue'; now: string; startOfToday: string }
  | { kind: 'noDate' }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'label'; name: string }
  | { kind: 'noLabels' }
  /** In one of these lists; `INBOX_LIST_KEY` stands for the Inbox (no list). Never empty. */
  | { kind: 'list'; listIds: string[] }
  | { kind: 'nothing' }
  | { kind: 'search'; text: string }
  | { kind: 'recurring' }
  | { kind: 'completed' };

export type ResolveResult = { ok: true; filter: ResolvedFilter } | { ok: false; error: FilterError };

class DateRefusal extends Error {
  readonly error: FilterError;
  constructor(error: FilterError) {
    super(error.message);
    this.error = error;
  }
}

/** Turns the relative terms of a parsed filter into instants for one user at one moment. */
export function resolveFilter(expr: FilterExpr, context: FilterContext): ResolveResult {
  try {
    return { ok: true, filter: resolve(expr, context) };
  } catch (error) {
    if (error instanceof DateRefusal) return { ok: false, error: error.error };
    throw error;
  }
}

/** True when the filter asks about completed tasks: then it searches them all, not only open ones. */
export function mentionsCompleted(expr: FilterExpr): boolean {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return mentionsCompleted(expr.left) || mentionsCompleted(expr.right);
    case 'not':
      return mentionsCompleted(expr.operand);
    default:
      return expr.kind === 'completed';
  }
}

function resolve(expr: FilterExpr, context: FilterContext): ResolvedFilter {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { kind: expr.kind, left: resolve(expr.left, context), right: resolve(expr.right, context) };
    case 'not':
      return { kind: 'not', operand: resolve(expr.operand, context) };
    default:
      return resolveTerm(expr, context);
  }
}

function resolveTerm(term: FilterTerm, context: FilterContext): ResolvedFilter {
  const day = (days: number) => startOfZonedDay(context.now, context.timezone, days).toISOString();
  switch (term.kind) {
    case 'today':
      return { kind: 'due', from: day(0), to: day(1) };
    case 'tomorrow':
      return { kind: 'due', from: day(1), to: day(2) };
    case 'nextDays':
      return { kind: 'due', from: day(0), to: day(term.days) };
    case 'overdue':
      return { kind: 'overdue', now: context.now.toISOString(), startOfToday: day(0) };
    case 'date': {
      const span = dateSpan(term.text, context);
      // A span past the instants the system stores (year 9999) is refused, not sent to SQL.
      if (!span || !isInstantInRange(span.from) || !isInstantInRange(span.to)) return refuseDate(term);
      if (term.relation === 'before') return rangeOf(term.field, null, span.from);
      if (term.relation === 'after') return rangeOf(term.field, span.to, null);
      return rangeOf(term.field, span.from, span.to);
    }
    case 'noDate':
      return { kind: 'noDate' };
    case 'priority':
      return { kind: 'priority', priority: term.priority };
    case 'label':
      return { kind: 'label', name: term.name };
    case 'noLabels':
      return { kind: 'noLabels' };
    case 'list':
      return resolveList(term.name, context);
    case 'search':
      return { kind: 'search', text: term.text };
    case 'recurring':
      return { kind: 'recurring' };
    case 'completed':
      return { kind: 'completed' };
  }
}

/** `#Name`: every list of that name, case-insensitively (names need not be unique). */
function resolveList(name: string, context: FilterContext): ResolvedFilter {
  const wanted = name.toLowerCase();
  const listIds = (context.lists ?? []).filter((l) => l.name.toLowerCase() === wanted).map((l) => l.id);
  if (wanted === INBOX_NAME.toLowerCase()) listIds.push(INBOX_LIST_KEY);
  return listIds.length ? { kind: 'list', listIds } : { kind: 'nothing' };
}

function rangeOf(field: DateField, from: string | null, to: string | null): ResolvedFilter {
  return { kind: field, from, to };
}

function refuseDate(term: Extract<FilterTerm, { kind: 'date' }>): never {
  throw new DateRefusal({
    kind: 'date',
    position: term.textStart,
    expected: ['a date such as today, tomorrow, -7 days, 2026-03-01 or next friday'],
    message: `"${term.text}" is not a date this filter understands`,
  });
}

const RELATIVE_DAYS = /^([+-]?)\s*(\d{1,6})\s+days?(\s+ago)?$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** The filter's own dates, then the resolver's; a date is the whole day in the user's zone. */
function dateSpan(text: string, context: FilterContext): DateSpan | null {
  const words = text.trim().toLowerCase().split(/\s+/u).join(' ');
  const dayFrom = (days: number): DateSpan => ({
    from: startOfZonedDay(context.now, context.timezone, days).toISOString(),
    to: startOfZonedDay(context.now, context.timezone, days + 1).toISOString(),
  });
  if (words === 'today') return dayFrom(0);
  if (words === 'tomorrow') return dayFrom(1);
  if (words === 'yesterday') return dayFrom(-1);
  const relative = RELATIVE_DAYS.exec(words);
  if (relative) {
    const n = Number(relative[2]);
    if (n > FILTER_MAX_DAYS) return null;
    return dayFrom(relative[1] === '-' || relative[3] ? -n : n);
  }
  const iso = ISO_DATE.exec(words);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const asDate = new Date(Date.UTC(y, m - 1, d));
    if (y < 1970 || asDate.getUTCMonth() !== m - 1 || asDate.getUTCDate() !== d) return null;
    // Days from the user's date today to that date, counted on the calendar.
    const wall = wallClockOf(context.now, context.timezone);
    const today = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
    return dayFrom(Math.round((asDate.getTime() - today) / 86_400_000));
  }
  return context.resolveDate?.(text.trim()) ?? null;
}
