import {
  addDays,
  daysInMonth,
  isPast,
  todayOf,
  weekdayOfDate,
  type LocalDate,
  type LocalTime,
  type Reference,
} from './local-time.ts';
import type { RuleSpec } from '@todo/contracts';
import { isoWeekday } from './vocabulary.ts';

/** Does the day match the rule's BY* parts? (INTERVAL counts from the first match.) */
function matches(parts: RuleSpec, d: LocalDate): boolean {
  if (parts.byMonth && !parts.byMonth.includes(d.month)) return false;
  if (parts.byMonthDay) {
    const last = daysInMonth(d.year, d.month);
    const ok = parts.byMonthDay.some((n) => (n > 0 ? n === d.day : last + n + 1 === d.day));
    if (!ok) return false;
  }
  if (parts.byDay) {
    const wd = weekdayOfDate(d);
    const ok = parts.byDay.some((b) => {
      if (isoWeekday(b.weekday) !== wd) return false;
      if (!b.nth) return true;
      if (b.nth > 0) return Math.ceil(d.day / 7) === b.nth;
      return Math.ceil((daysInMonth(d.year, d.month) - d.day + 1) / 7) === -b.nth;
    });
    if (!ok) return false;
  }
  return true;
}

/**
 * The first day the schedule falls on, from today on (tomorrow when today's time has
 * passed): it becomes the task's due date, the start of the series.
 */
export function firstOccurrence(parts: RuleSpec, ref: Reference, time: LocalTime | null): LocalDate | null {
  let d = todayOf(ref);
  if (isPast(ref, d, time)) d = addDays(d, 1);
  // Four years and a day covers "every February 29".
  for (let k = 0; k < 1462; k++, d = addDays(d, 1)) if (matches(parts, d)) return d;
  return null;
}
