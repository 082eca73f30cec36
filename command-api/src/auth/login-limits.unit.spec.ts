import { describe, expect, it } from '@jest/globals';
import { addressKey, loginLimitsFromEnv, retryAt } from './login-limits.ts';

const at = (iso: string) => new Date(iso);
const WINDOW = 15 * 60 * 1000;

describe('retryAt', () => {
  it('lets a key try while it has fewer failures than the limit', () => {
    expect(retryAt([at('2026-12-01T10:00:00Z'), at('2026-12-01T10:01:00Z')], 3, WINDOW)).toBeNull();
  });

  it('at the limit, waits until the oldest failure leaves the window', () => {
    const failures = [at('2026-12-01T10:00:00Z'), at('2026-12-01T10:05:00Z'), at('2026-12-01T10:06:00Z')];
    expect(retryAt(failures, 3, WINDOW)).toEqual(at('2026-12-01T10:15:00Z'));
  });

  it('past the limit (concurrent attempts), waits until only limit - 1 remain', () => {
    const failures = [
      at('2026-12-01T10:00:00Z'),
      at('2026-12-01T10:01:00Z'),
      at('2026-12-01T10:02:00Z'),
      at('2026-12-01T10:03:00Z'),
    ];
    expect(retryAt(failures, 3, WINDOW)).toEqual(at('2026-12-01T10:16:00Z'));
  });
});

describe('addressKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.0.0.7', '10.0.0.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

describe('loginLimitsFromEnv', () => {
  it('reads the three settings and refuses nonsense', () => {
    expect(
      loginLimitsFromEnv({
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '7',
        LOGIN_FAILURE_WINDOW_SECONDS: '60',
      }),
    ).toEqual({ perAccount: 3, perAddress: 7, windowSeconds: 60 });
    expect(() => loginLimitsFromEnv({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' })).toThrow(
      'LOGIN_MAX_FAILURES_PER_ACCOUNT must be a positive integer, got "0"',
    );
  });
});
