import { wallClockOf } from './wall-clock.ts';

const UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/**
 * The last moment of a series (inclusive) on the task's wall clock, as floating time. An
 * UNTIL in UTC (…Z) is an instant, seen on the wall clock of `zone`; a date-only UNTIL ends
 * the series at the end of that local day; a floating date-time is local already.
 */
export function untilOnWallClock(until: string, zone: string): Date {
  const m = UNTIL.exec(until);
  if (!m) throw new Error(`invalid UNTIL ${until}`);
  const [, y, mo, d, h, mi, s, z] = m;
  if (h === undefined) return new Date(Date.UTC(+y!, +mo! - 1, +d!, 23, 59, 59, 999));
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi!, +s!);
  return z === 'Z' ? wallClockOf(new Date(utc), zone) : new Date(utc);
}

/** The local date UNTIL ends on, as [year, month, day]: in `zone` when it is UTC and a zone is known. */
export function untilDate(until: string, zone: string | undefined): [number, number, number] | null {
  const m = UNTIL.exec(until);
  if (!m) return null;
  if (m[7] === 'Z' && zone !== undefined) {
    const wall = untilOnWallClock(until, zone);
    return [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()];
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
