/**
 * Date and date-time values of RFC 5545 (3.3.4, 3.3.5) from floating time (a Date whose
 * UTC fields are a wall clock, as contracts' `wallClockOf` gives it) or from an instant.
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDD` of a floating time. */
export function icalDate(floating: Date): string {
  return `${pad(floating.getUTCFullYear(), 4)}${pad(floating.getUTCMonth() + 1)}${pad(floating.getUTCDate())}`;
}

/** `YYYYMMDDTHHMMSS` (local, for a TZID) of a floating time; milliseconds are dropped. */
export function icalLocalDateTime(floating: Date): string {
  return `${icalDate(floating)}T${pad(floating.getUTCHours())}${pad(floating.getUTCMinutes())}${pad(floating.getUTCSeconds())}`;
}

/** `YYYYMMDDTHHMMSSZ` of an instant. */
export function icalUtcDateTime(instant: Date): string {
  return `${icalLocalDateTime(instant)}Z`;
}

/** A UTC offset in minutes as `±HHMM` (`±HHMMSS` when it has seconds, as old local mean times do). */
export function icalOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${sign}${pad(hours)}${pad(minutes)}${seconds ? pad(seconds) : ''}`;
}
