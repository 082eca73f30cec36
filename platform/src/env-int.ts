/**
 * An integer setting from the environment object given (never `process.env` itself, so a test
 * pins it): unset or empty gives the fallback; anything else must be an integer of at least
 * `least` (0: a count or a duration that may be off; 1: a size that must be there), or the
 * process refuses to start, naming the variable.
 */
export function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, least: 0 | 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < least)
    throw new Error(`${name} must be a ${least === 0 ? 'non-negative' : 'positive'} integer, got "${raw}"`);
  return n;
}
