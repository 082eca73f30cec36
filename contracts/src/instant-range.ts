// No zod here: the SPA and the filter language use the range without pulling in the schemas.

/**
 * The instants every part of the system can store and compute with (PostgreSQL timestamptz,
 * JavaScript dates, luxon, the RRULE expander): 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z, in UTC, after the offset is applied.
 */
export const INSTANT_MIN = '1970-01-01T00:00:00.000Z';
export const INSTANT_MAX = '9999-12-31T23:59:59.999Z';
const INSTANT_MIN_MS = Date.parse(INSTANT_MIN);
const INSTANT_MAX_MS = Date.parse(INSTANT_MAX);
export const INSTANT_RANGE_MESSAGE = `must lie between ${INSTANT_MIN} and ${INSTANT_MAX} (UTC, after applying the offset)`;

/** True for a date-time string whose instant lies in the supported range. */
export function isInstantInRange(value: string): boolean {
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && ms >= INSTANT_MIN_MS && ms <= INSTANT_MAX_MS;
}
