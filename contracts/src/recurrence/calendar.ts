/**
 * Calendar arithmetic on day numbers (days since 1970-01-01) in the proleptic Gregorian
 * calendar. Recurrence rules are expanded in floating wall-clock time: a Date whose UTC
 * fields are the wall clock, so no time zone enters here.
 */

// Module-level aliases: a global lookup (`Math`) is slow inside Jest's vm contexts.
const { floor } = Math;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface CalendarDay {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0 = Monday … 6 = Sunday (RFC 5545 lists weeks from MO). */
  weekday: number;
}

/** The millisecond of a floating wall-clock time; years below 100 are not shifted to 19xx. */
export function floatingMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** Days from 1970-01-01 to a civil date (H. Hinnant's algorithm: integer arithmetic, no Date). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floor(yearOfEra / 4) - floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a day number (the inverse of dayNumberOf). */
export function calendarDay(dayNumber: number): CalendarDay {
  const z = dayNumber + 719468;
  const era = floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floor(
    (dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36524) - floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const mp = floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // 1970-01-01 was a Thursday (3).
  const weekday = (((dayNumber + 3) % 7) + 7) % 7;
  return { year, month, day, weekday };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function yearLength(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function monthLength(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

/** The longest a month can be (February: 29). */
export function longestMonth(month: number): number {
  return month === 2 ? 29 : MONTH_LENGTHS[month - 1]!;
}

/**
 * The first day of week 1 of `year` for weeks starting on `wkst` (RFC 5545 §3.3.10: week 1
 * is the first week with at least four days in the year).
 */
export function firstDayOfWeekOne(year: number, wkst: number): number {
  const jan1 = dayNumberOf(year, 1, 1);
  const toWeekStart = (7 - ((((jan1 + 3) % 7) + 7) % 7) + wkst) % 7;
  return toWeekStart >= 4 ? jan1 + toWeekStart - 7 : jan1 + toWeekStart;
}

/** The week number of a day (1..53) and how many weeks its week-numbering year has. */
export function weekNumberOf(dayNumber: number, wkst: number): { week: number; weeksInYear: number } {
  let year = calendarDay(dayNumber).year;
  let start = firstDayOfWeekOne(year, wkst);
  if (dayNumber < start) {
    year -= 1;
    start = firstDayOfWeekOne(year, wkst);
  } else {
    const next = firstDayOfWeekOne(year + 1, wkst);
    if (dayNumber >= next) {
      year += 1;
      start = next;
    }
  }
  const weeksInYear = (firstDayOfWeekOne(year + 1, wkst) - start) / 7;
  return { week: floor((dayNumber - start) / 7) + 1, weeksInYear };
}
