import type { DateTime } from 'luxon';

/**
 * UNTIL for "until <day>": the end of that day in the user's zone, written in UTC, so the
 * last day's occurrence is kept whatever its time.
 */
export function untilEndOf(day: DateTime): string {
  return day
    .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
    .toUTC()
    .toFormat("yyyyMMdd'T'HHmmss'Z'");
}
