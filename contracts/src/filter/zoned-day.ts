import { wallClockOf } from '../recurrence/wall-clock.ts';

const offsetAt = (epochMs: number, zone: string) => wallClockOf(new Date(epochMs), zone).getTime() - epochMs;

/**
 * The instant the calendar day `days` after the one containing `now` starts in `zone`
 * (Intl only, so the SPA can use it). Where midnight does not exist (a DST jump at 00:00)
 * it is the first instant of that day.
 */
export function startOfZonedDay(now: Date, zone: string, days = 0): Date {
  const wall = wallClockOf(now, zone);
  const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + days);
  let guess = midnight - offsetAt(midnight, zone);
  guess = midnight - offsetAt(guess, zone);
  return new Date(guess);
}
