/**
 * The e2e run's clock. The system runs under libfaketime with its wall clock starting at
 * PINNED_START (its embedded PostgreSQL inherits it) in an awkward process zone; every browser
 * context's clock is installed at the system's "now" and ticks with it, timers running. Test
 * dates are absolute, counted from PINNED_START; only a reminder "a few seconds from now" needs
 * the system's current instant, `systemNow()`: the pinned start plus the time elapsed since the
 * system started (the offset the runner passes in E2E_CLOCK_OFFSET_MS).
 *
 * 10:30 UTC on the last day of February 2027: the users' zone (the browser's, UTC) is on
 * 28 February for 13 more hours, while the system's process zone (UTC+14) is already on
 * 1 March, so code that read the process's date or zone would file "today" under the wrong
 * day and month.
 */
export const PINNED_START = Date.parse('2027-02-28T10:30:00Z');
export const SYSTEM_TIME_ZONE = 'Pacific/Kiritimati';
/** The zone the browser contexts (and so the users who sign up there) live in. */
export const BROWSER_TIME_ZONE = 'UTC';

const HOUR_MS = 3_600_000;

/** An instant `hours` after the pinned start (before it when negative), as ISO text. */
export function hoursAfterStart(hours: number): string {
  return new Date(PINNED_START + hours * HOUR_MS).toISOString();
}

/** How far the system's clock is from the machine's (set by the runner, or by the fixture). */
function offsetMs(): number {
  const offset = Number(process.env.E2E_CLOCK_OFFSET_MS);
  if (process.env.E2E_CLOCK_OFFSET_MS === undefined || !Number.isFinite(offset))
    throw new Error('E2E_CLOCK_OFFSET_MS is not set: start the system with startSystem()');
  return offset;
}

/** The instant the system's clock shows now. */
export function systemNow(): number {
  return Date.now() + offsetMs();
}
