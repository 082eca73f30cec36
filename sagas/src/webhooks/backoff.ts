/** Webhook retries: exponential from 10 s, each wait at most 6 h, giving up 24 h after the firing. */
export const FIRST_RETRY_MS = 10_000;
export const MAX_RETRY_WAIT_MS = 6 * 60 * 60_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/**
 * When to try again after `attempts` failed attempts of a delivery created at `createdAt`,
 * or null when the next try would fall beyond the 24 hours.
 */
export function nextAttemptAt(
  createdAt: Date,
  attempts: number,
  now: Date,
  firstRetryMs = FIRST_RETRY_MS,
): Date | null {
  const wait = Math.min(firstRetryMs * 2 ** (attempts - 1), MAX_RETRY_WAIT_MS);
  const at = now.getTime() + wait;
  return at > createdAt.getTime() + GIVE_UP_AFTER_MS ? null : new Date(at);
}
