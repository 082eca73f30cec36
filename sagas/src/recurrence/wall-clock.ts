import { DateTime } from 'luxon';

/**
 * The saga's luxon side of floating time. Rules are expanded in "floating" time (a Date whose
 * UTC fields are the local wall clock: contracts' `wallClockOf` and `Expansion`), so that
 * "every day at 09:00 in New York" stays right across DST. Only at the edges are wall-clock
 * times turned into real instants, here, by luxon, with the time zone's rules for that very
 * day: the inverse (`fromFloating`) needs a zone's transitions, which Intl alone cannot give
 * cheaply, and the saga's arithmetic on the due and completion times is luxon's.
 */
export function toFloating(local: DateTime): Date {
  return new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );
}

/**
 * The instant at which the wall clock of `zone` shows the floating time. A time that does
 * not exist (skipped by a spring-forward gap) moves forward by the gap; a time that exists
 * twice (fall-back) is its first occurrence, as RFC 5545 (3.3.5) asks.
 */
export function fromFloating(floating: Date, zone: string): DateTime {
  const local = DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
      millisecond: floating.getUTCMilliseconds(),
    },
    { zone },
  );
  const candidates = local.getPossibleOffsets();
  if (candidates.length <= 1) return local;
  return candidates.reduce((a, b) => (a.toMillis() <= b.toMillis() ? a : b));
}

export function localIn(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
}
