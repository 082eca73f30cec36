import { DateTime, Info } from 'luxon';

/** The reference the text is read against: an instant seen from the user's zone. */
export interface Reference {
  now: DateTime;
  zone: string;
}

export function reference(now: Date, timezone: string): Reference {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (!local.isValid) throw new RangeError(`unknown time zone ${timezone}`);
  return { now: local, zone: timezone };
}

/** A calendar date without a zone; months and days count from 1. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalTime {
  hour: number;
  minute: number;
}

export const todayOf = (ref: Reference): LocalDate => ({
  year: ref.now.year,
  month: ref.now.month,
  day: ref.now.day,
});

/** Date arithmetic on plain calendar days: fast and free of DST. */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOfDate(d: LocalDate): number {
  const js = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return js === 0 ? 7 : js;
}

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const compareDates = (a: LocalDate, b: LocalDate) =>
  a.year - b.year || a.month - b.month || a.day - b.day;

/** The instant of a local date (and time) in the zone, as ISO 8601 with the zone's offset. */
export function localIso(ref: Reference, date: LocalDate, time: LocalTime | null): string {
  const dt = DateTime.fromObject(
    { ...date, hour: time?.hour ?? 0, minute: time?.minute ?? 0, second: 0, millisecond: 0 },
    { zone: ref.zone },
  );
  return dt.toISO({ suppressMilliseconds: true })!;
}

export function isoOf(dt: DateTime): string {
  return dt.set({ second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** True when the local time on today's date is already past (so "at 9am" means tomorrow). */
export function isPast(ref: Reference, date: LocalDate, time: LocalTime | null): boolean {
  if (!time) return compareDates(date, todayOf(ref)) < 0;
  const dt = DateTime.fromObject({ ...date, ...time }, { zone: ref.zone });
  return dt.toMillis() <= ref.now.toMillis();
}

/** A stored zone that no longer resolves (an old tz database) reads as UTC rather than failing. */
export function usableZone(zone: string): string {
  // Asked of the zone alone: whether it resolves does not depend on the date.
  return Info.normalizeZone(zone).isValid ? zone : 'UTC';
}
