import {
  calendarDay,
  dayNumberOf,
  monthLength,
  weekNumberOf,
  yearLength,
  type CalendarDay,
} from './calendar.ts';
import type { RuleParts, WeekdayEntry } from './rule-parts.ts';

// Module-level aliases: a global lookup (`Math`) is slow inside Jest's vm contexts.
const { ceil } = Math;

/** Which days a rule allows, after RFC 5545's defaults from the start were filled in. */
export interface DayFilter {
  byMonth: ReadonlySet<number> | null;
  byMonthDay: readonly number[] | null;
  byYearDay: readonly number[] | null;
  byWeekNo: readonly number[] | null;
  /** BYDAY entries without a position (positions are ignored below MONTHLY, as in RFC 5545). */
  weekdays: ReadonlySet<number> | null;
  nthWeekdays: readonly WeekdayEntry[] | null;
  /** A position counts within the month (MONTHLY, or YEARLY with BYMONTH), else the year. */
  nthWithinMonth: boolean;
  wkst: number;
}

/** Does the rule name its days itself (BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO)? */
export function namesItsDays(parts: RuleParts): boolean {
  return (
    parts.byDay !== null || parts.byMonthDay !== null || parts.byYearDay !== null || parts.byWeekNo !== null
  );
}

/**
 * The day filter of a rule. A rule that names none of its days repeats on the start's day
 * (RFC 5545 §3.3.10: missing parts come from DTSTART); `start` null leaves them unset.
 */
export function dayFilterOf(parts: RuleParts, start: CalendarDay | null): DayFilter {
  let byMonth = parts.byMonth;
  let byMonthDay = parts.byMonthDay;
  let byDay = parts.byDay;
  if (start && !namesItsDays(parts)) {
    if (parts.freq === 'YEARLY') {
      byMonth ??= [start.month];
      byMonthDay = [start.day];
    } else if (parts.freq === 'MONTHLY') byMonthDay = [start.day];
    else if (parts.freq === 'WEEKLY') byDay = [{ weekday: start.weekday, nth: null }];
  }
  const positional = parts.freq === 'MONTHLY' || parts.freq === 'YEARLY';
  const plain = byDay?.filter((d) => d.nth === null || !positional) ?? [];
  const nth = byDay?.filter((d) => d.nth !== null && positional) ?? [];
  return {
    byMonth: byMonth ? new Set(byMonth) : null,
    byMonthDay,
    byYearDay: parts.byYearDay,
    byWeekNo: parts.byWeekNo,
    weekdays: byDay ? new Set(plain.map((d) => d.weekday)) : null,
    nthWeekdays: byDay ? nth : null,
    nthWithinMonth: parts.freq === 'MONTHLY' || (parts.freq === 'YEARLY' && byMonth !== null),
    wkst: parts.wkst,
  };
}

/** `n` counted from the start (n > 0) or the end (n < 0) of a run of `length`: is it `index`? */
const atPosition = (n: number, index: number, length: number) =>
  n > 0 ? n === index : length + n + 1 === index;

function nthWeekdayMatches(entry: WeekdayEntry, index: number, length: number): boolean {
  const n = entry.nth!;
  return n > 0 ? ceil(index / 7) === n : ceil((length - index + 1) / 7) === -n;
}

export function dayMatches(filter: DayFilter, dayNumber: number): boolean {
  const c = calendarDay(dayNumber);
  if (filter.byMonth && !filter.byMonth.has(c.month)) return false;
  const daysInMonth = monthLength(c.year, c.month);
  if (filter.byMonthDay && !filter.byMonthDay.some((n) => atPosition(n, c.day, daysInMonth))) return false;
  const dayOfYear = dayNumber - dayNumberOf(c.year, 1, 1) + 1;
  const daysInYear = yearLength(c.year);
  if (filter.byYearDay && !filter.byYearDay.some((n) => atPosition(n, dayOfYear, daysInYear))) return false;
  if (filter.byWeekNo) {
    const { week, weeksInYear } = weekNumberOf(dayNumber, filter.wkst);
    if (!filter.byWeekNo.some((n) => atPosition(n, week, weeksInYear))) return false;
  }
  if (filter.weekdays && filter.nthWeekdays) {
    if (filter.weekdays.has(c.weekday)) return true;
    const [index, length] = filter.nthWithinMonth ? [c.day, daysInMonth] : [dayOfYear, daysInYear];
    return filter.nthWeekdays.some((e) => e.weekday === c.weekday && nthWeekdayMatches(e, index, length));
  }
  return true;
}
