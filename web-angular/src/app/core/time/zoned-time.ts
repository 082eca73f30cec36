import { wallClockOf } from '@todo/contracts';

/**
 * Wall-clock time in an IANA zone without a date library: Intl gives the zone's offset at
 * an instant, and a wall time is turned into an instant by correcting a first guess with
 * that offset (twice, so a guess on the other side of a DST change still lands right).
 * Pure: "now" and the zone are always parameters (components get them from CLOCK and
 * TIME_ZONE in ./clock.ts).
 */

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// The zone's wall clock is read the way recurrence expansion reads it (contracts, Intl only).
function wallParts(epochMs: number, zone: string): WallParts {
  const wall = wallClockOf(new Date(epochMs), zone);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Paris in winter: +3,600,000). */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  return wallClockOf(new Date(epochMs), zone).getTime() - epochMs;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant of a wall-clock date (YYYY-MM-DD) and time (HH:mm) in a zone, as ISO UTC. */
export function zonedToInstant(date: string, time: string, zone: string): string {
  const [y = 1970, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - zoneOffsetMs(wall, zone);
  guess = wall - zoneOffsetMs(guess, zone);
  return new Date(guess).toISOString();
}

/** The wall-clock date and time of an instant in a zone, as form inputs want them. */
export function instantToZoned(instant: string, zone: string): { date: string; time: string } {
  const p = wallParts(Date.parse(instant), zone);
  return { date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** Start of the calendar day that contains `epochMs` in the zone, plus `days` days. */
export function startOfDay(epochMs: number, zone: string, days = 0): string {
  const { date } = instantToZoned(new Date(epochMs).toISOString(), zone);
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  const day = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  return zonedToInstant(day, '00:00', zone);
}

/** "Today 17:00", "Tomorrow", "Mon 7 Dec 09:30", "3 Mar 2027": short and in the task's zone. */
export function describeDue(dueAt: string, allDay: boolean, zone: string, now: number): string {
  const due = Date.parse(dueAt);
  const today = Date.parse(startOfDay(now, zone));
  const tomorrow = Date.parse(startOfDay(now, zone, 1));
  const dayAfter = Date.parse(startOfDay(now, zone, 2));
  const time = allDay
    ? ''
    : ' ' +
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(due);
  if (due >= today && due < tomorrow) return `Today${time}`;
  if (due >= tomorrow && due < dayAfter) return `Tomorrow${time}`;
  const sameYear =
    instantToZoned(dueAt, zone).date.slice(0, 4) ===
    instantToZoned(new Date(now).toISOString(), zone).date.slice(0, 4);
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: sameYear ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  }).format(due);
  return `${date}${time}`;
}

/** Every zone the browser knows, for the editor's zone picker. */
export function knownTimeZones(): string[] {
  const withValues = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return withValues.supportedValuesOf?.('timeZone') ?? ['UTC'];
}
