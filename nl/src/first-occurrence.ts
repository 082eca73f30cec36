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

/** Does the day match the rule's BY* parts, BYSETPOS aside? (INTERVAL counts from the first match.) */
function matchesParts(parts: RuleSpec, d: LocalDate): boolean {
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
 * The day matcher of a rule. A monthly BYSETPOS ("the 1st workday") picks among the month's
 * matching days, so each month's picks are worked out once. (In a daily rule BYSETPOS picks
 * among a day's times, which leaves the days alone.)
 */
function dayMatcher(parts: RuleSpec): (d: LocalDate) => boolean {
  if (!parts.bySetPos || parts.freq !== 'MONTHLY') return (d) => matchesParts(parts, d);
  const picked = new Map<string, Set<number>>();
  return (d) => {
    const key = `${d.year}-${d.month}`;
    let days = picked.get(key);
    if (!days) {
      const all: number[] = [];
      for (let day = 1; day <= daysInMonth(d.year, d.month); day++)
        if (matchesParts(parts, { ...d, day })) all.push(day);
      const positions = parts.bySetPos!;
      days = new Set(positions.flatMap((pos) => all[pos > 0 ? pos - 1 : all.length + pos] ?? []));
      picked.set(key, days);
    }
    return days.has(d.day);
  };
}

export interface Occurrence {
  date: LocalDate;
  time: LocalTime | null;
}

/**
 * The first day (and time, of those given in order, or of that day's) the schedule falls on from `from`
 * (today by default) on, skipping times that have passed: it becomes the task's due date,
 * the start of the series.
 */
export function firstOccurrence(
  parts: RuleSpec,
  ref: Reference,
  times: readonly (LocalTime | null)[] | ((day: LocalDate) => readonly (LocalTime | null)[]),
  from: LocalDate = todayOf(ref),
): Occurrence | null {
  const matches = dayMatcher(parts);
  let d = from;
  // Four years and a day covers "every February 29".
  for (let k = 0; k < 1462; k++, d = addDays(d, 1)) {
    if (!matches(d)) continue;
    const time = (typeof times === 'function' ? times(d) : times).find((t) => !isPast(ref, d, t));
    if (time !== undefined) return { date: d, time };
  }
  return null;
}
