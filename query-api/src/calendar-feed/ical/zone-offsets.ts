/**
 * A zone's UTC offsets and their changes, read from Intl (the runtime's tz database): the
 * material of a VTIMEZONE. Pure; the results depend only on the zone and the instants.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Zones change at most once in two weeks (Morocco's Ramadan changes are a month apart). */
const STEP_MS = 14 * DAY_MS;

// One formatter per zone, printing only the offset ("GMT+05:30"): `format` is a few times
// faster than the wall clock's `formatToParts`, and a VTIMEZONE takes hundreds of calls.
const formatters = new Map<string, Intl.DateTimeFormat>();
const OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** The UTC offset of `zone` at an instant, in milliseconds (wall clock minus UTC). */
export function offsetAt(zone: string, ms: number): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (formatters.size < 1000) formatters.set(zone, formatter);
  }
  const m = OFFSET.exec(formatter.format(ms));
  if (!m?.[1]) return 0;
  const size = Number(m[2]) * 3_600_000 + Number(m[3]) * MINUTE_MS + Number(m[4] ?? 0) * 1000;
  return m[1] === '-' ? -size : size;
}

/**
 * The instant at which `zone`'s wall clock shows `floating`: the earlier one in an overlap,
 * and in a gap the offset from before it, which moves the time forward by the gap (RFC 5545
 * 3.3.5). Zones change their offset at most once in a day.
 */
export function instantOfWallClock(floating: Date, zone: string): Date {
  const ms = floating.getTime();
  const before = offsetAt(zone, ms - DAY_MS);
  const after = offsetAt(zone, ms + DAY_MS);
  const shows = (instant: number) => instant + offsetAt(zone, instant) === ms;
  const candidates = [ms - before, ms - after].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? ms - before);
}

export interface OffsetChange {
  /** The first instant with the new offset. */
  at: number;
  from: number;
  to: number;
}

/**
 * Every offset change of `zone` in [fromMs, toMs), found by looking every two weeks and
 * narrowing a change down to the minute.
 */
export function offsetChanges(zone: string, fromMs: number, toMs: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let lo = fromMs;
  let loOffset = offsetAt(zone, lo);
  while (lo < toMs) {
    const hi = Math.min(lo + STEP_MS, toMs);
    const hiOffset = offsetAt(zone, hi);
    if (hiOffset !== loOffset) changes.push(narrow(zone, lo, hi, loOffset, hiOffset));
    lo = hi;
    loOffset = hiOffset;
  }
  return changes;
}

function narrow(zone: string, lo: number, hi: number, from: number, to: number): OffsetChange {
  let a = Math.floor(lo / MINUTE_MS);
  let b = Math.ceil(hi / MINUTE_MS);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(zone, mid * MINUTE_MS) === from) a = mid;
    else b = mid;
  }
  return { at: b * MINUTE_MS, from, to };
}
