/** How many wrong passwords a key (an account, an address) may send in a sliding window. */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 10, perAddress: 100, windowSeconds: 900 };

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function loginLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LoginLimits {
  return {
    perAccount: positive(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', DEFAULT_LOGIN_LIMITS.perAccount),
    perAddress: positive(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', DEFAULT_LOGIN_LIMITS.perAddress),
    windowSeconds: positive(env, 'LOGIN_FAILURE_WINDOW_SECONDS', DEFAULT_LOGIN_LIMITS.windowSeconds),
  };
}

/**
 * When a key may try again, given its failures still inside the window (oldest first), or
 * null if it may try now: once all but `limit - 1` of them have left the window.
 */
export function retryAt(failures: readonly Date[], limit: number, windowMs: number): Date | null {
  if (failures.length < limit) return null;
  return new Date(failures[failures.length - limit]!.getTime() + windowMs);
}

/**
 * The address a per-address limit counts: IPv4 as is (also when mapped into IPv6), IPv6 by
 * its /64, since one host usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
