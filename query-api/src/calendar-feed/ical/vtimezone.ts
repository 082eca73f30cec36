import { icalLocalDateTime, icalOffset } from './ical-time.ts';
import { offsetAt, offsetChanges, type OffsetChange } from './zone-offsets.ts';

/**
 * A VTIMEZONE for an IANA zone, from the runtime's tz database (RFC 5545 3.6.5), so a
 * client that does not know the TZID (or trusts the file over its own database) still
 * places every occurrence right:
 * - the changes from `fromYear` to the year before `currentYear`, one observance each;
 * - from `currentYear` on, when the zone has changed twice a year in the same way for the
 *   next RULE_YEARS years (the same month, weekday, week of the month, time and offsets:
 *   Europe, North America, Oceania), two observances with a yearly RRULE, which hold for
 *   ever; otherwise (irregular rules) each change up to EXPLICIT_YEARS ahead.
 * A zone without changes is one observance. Pure: Intl only.
 */
const RULE_YEARS = 5;
const EXPLICIT_YEARS = 15;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

const startOfYear = (year: number) => Date.UTC(year, 0, 1);

// Finding a zone's changes costs a few hundred Intl calls (some milliseconds); the answer
// never changes.
const written = new Map<string, string[]>();
const WRITTEN_MAX = 1000;

/** The lines of one VTIMEZONE, from BEGIN to END. */
export function vtimezoneLines(zone: string, fromYear: number, currentYear: number): string[] {
  const key = `${zone} ${fromYear} ${currentYear}`;
  let lines = written.get(key);
  if (!lines) {
    lines = writeVtimezone(zone, fromYear, currentYear);
    if (written.size >= WRITTEN_MAX) written.clear();
    written.set(key, lines);
  }
  return lines;
}

function writeVtimezone(zone: string, fromYear: number, currentYear: number): string[] {
  const first = Math.min(fromYear, currentYear);
  const baseAt = startOfYear(first);
  const base = offsetAt(zone, baseAt);
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance('STANDARD', icalLocalDateTime(new Date(baseAt + base)), base, base),
  ];
  for (const change of offsetChanges(zone, baseAt, startOfYear(currentYear))) lines.push(...explicit(change));
  const ahead = offsetChanges(zone, startOfYear(currentYear), startOfYear(currentYear + RULE_YEARS));
  const yearly = yearlyRules(ahead);
  if (yearly) lines.push(...yearly);
  else {
    const far = offsetChanges(zone, startOfYear(currentYear), startOfYear(currentYear + EXPLICIT_YEARS));
    for (const change of far) lines.push(...explicit(change));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function observance(
  kind: 'STANDARD' | 'DAYLIGHT',
  start: string,
  from: number,
  to: number,
  rrule?: string,
): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${icalOffset(from)}`,
    `TZOFFSETTO:${icalOffset(to)}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `END:${kind}`,
  ];
}

/** The wall clock at which a change happens, read in the offset before it (as DTSTART is). */
const localStart = (change: OffsetChange) => new Date(change.at + change.from);

function explicit(change: OffsetChange): string[] {
  const kind = change.to > change.from ? 'DAYLIGHT' : 'STANDARD';
  return observance(kind, icalLocalDateTime(localStart(change)), change.from, change.to);
}

interface Shape {
  month: number;
  weekday: number;
  /** The week of the month (1–5), or -1 when the day is in the month's last seven. */
  nth: number;
  last: boolean;
  timeOfDay: number;
  from: number;
  to: number;
}

function shapeOf(change: OffsetChange): Shape {
  const local = localStart(change);
  const day = local.getUTCDate();
  const monthLength = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    month: local.getUTCMonth() + 1,
    weekday: local.getUTCDay(),
    nth: Math.ceil(day / 7),
    last: day + 7 > monthLength,
    timeOfDay: local.getTime() % 86_400_000,
    from: change.from,
    to: change.to,
  };
}

/** Two yearly observances when every year ahead changes twice in the same way, else null. */
function yearlyRules(changes: OffsetChange[]): string[] | null {
  if (changes.length !== RULE_YEARS * 2) return null;
  const lines: string[] = [];
  for (const parity of [0, 1]) {
    const mine = changes.filter((_, i) => i % 2 === parity);
    const shapes = mine.map(shapeOf);
    const [head] = shapes;
    if (!head) return null;
    const same = shapes.every(
      (s) =>
        s.month === head.month &&
        s.weekday === head.weekday &&
        s.timeOfDay === head.timeOfDay &&
        s.from === head.from &&
        s.to === head.to,
    );
    if (!same) return null;
    const week = shapes.every((s) => s.last) ? -1 : shapes.every((s) => s.nth === head.nth) ? head.nth : null;
    if (week === null) return null;
    const kind = head.to > head.from ? 'DAYLIGHT' : 'STANDARD';
    const rrule = `FREQ=YEARLY;BYMONTH=${head.month};BYDAY=${week}${WEEKDAYS[head.weekday]}`;
    lines.push(...observance(kind, icalLocalDateTime(localStart(mine[0]!)), head.from, head.to, rrule));
  }
  return lines;
}
