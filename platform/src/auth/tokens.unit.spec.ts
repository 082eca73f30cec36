import { describe, expect, it } from '@jest/globals';
import { SignJWT, type JWTPayload } from 'jose';
import { fixedClock } from '../clock.ts';
import {
  InvalidTokenError,
  MAX_TOKEN_LIFETIME_SECONDS,
  TOKEN_CLOCK_SKEW_SECONDS,
  TokenService,
} from './tokens.ts';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const NOW = '2026-12-01T10:00:00Z';
const nowSeconds = Date.parse(NOW) / 1000;

/** A token signed with the right key, carrying exactly the claims given. */
function signed(claims: JWTPayload, key = SECRET): Promise<string> {
  return new SignJWT({ email: 'a@example.com', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setIssuer('todo-system')
    .setAudience('todo-api')
    .sign(new TextEncoder().encode(key));
}

function service(ttlSeconds = 3600, sessionMaxSeconds = 7 * 24 * 3600) {
  const clock = fixedClock(NOW);
  return { clock, tokens: new TokenService(SECRET, ttlSeconds, clock, sessionMaxSeconds) };
}

describe('TokenService.verify', () => {
  it('accepts its own tokens, with the session starting at the log-in', async () => {
    const { tokens } = service();
    const { token, expiresAt } = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    expect(expiresAt).toBe('2026-12-01T11:00:00.000Z');
    expect(await tokens.verify(token)).toEqual({
      userId: 'user-1',
      email: 'a@example.com',
      // A password session may do everything an API token could be given.
      scopes: ['tasks:read', 'tasks:write'],
      authenticatedBy: 'session',
      sessionStartedAt: new Date(NOW),
      tokenValidUntil: new Date('2026-12-01T11:01:00.000Z'),
    });
  });

  it.each([
    ['no exp', { iat: nowSeconds }, 'the token has no expiry time (exp)'],
    ['no iat', { exp: nowSeconds + 600 }, 'the token has no issue time (iat)'],
    ['neither', {}, 'the token has no issue time (iat)'],
    [
      'iat in the future beyond the skew',
      { iat: nowSeconds + 120, exp: nowSeconds + 3000 },
      'the token is issued in the future',
    ],
    [
      'a lifetime above the maximum',
      { iat: nowSeconds - 60, exp: nowSeconds - 60 + MAX_TOKEN_LIFETIME_SECONDS + 1 },
      'the token is valid for longer than any token may be',
    ],
    [
      'an iat older than the maximum lifetime',
      { iat: nowSeconds - MAX_TOKEN_LIFETIME_SECONDS - 120, exp: nowSeconds + 600 },
      'the token is older than any token may be',
    ],
    ['an exp in the past', { iat: nowSeconds - 7200, exp: nowSeconds - 3600 }, 'the token has expired'],
  ])('refuses a correctly signed token with %s', async (_case, claims, reason) => {
    const { tokens } = service();
    await expect(tokens.verify(await signed(claims))).rejects.toThrow(reason);
  });

  it('tolerates an iat a little ahead (clock skew between processes)', async () => {
    const { tokens } = service();
    const token = await signed({ iat: nowSeconds + 30, exp: nowSeconds + 3600 });
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('says only "invalid" for a token signed with another key, whatever its claims', async () => {
    const { tokens } = service();
    await expect(tokens.verify(await signed({}, 'another-key-another-key-another-key-0123'))).rejects.toThrow(
      /^the token is invalid$/,
    );
  });
});

describe('TokenService.verify of a token it has verified before', () => {
  it('refuses it once it has expired, by the injected clock, though it was accepted before', async () => {
    const { tokens, clock } = service();
    const { token } = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
    // exp is 11:00; the skew keeps it until 11:01:00 exclusive, as jose judges it.
    clock.set('2026-12-01T11:00:59Z');
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
    clock.set('2026-12-01T11:01:00Z');
    await expect(tokens.verify(token)).rejects.toThrow('the token has expired');
  });

  it('refuses it when the clock goes back before its issue time beyond the skew', async () => {
    const { tokens, clock } = service();
    const { token } = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    await tokens.verify(token);
    clock.set('2026-12-01T09:58:59Z');
    await expect(tokens.verify(token)).rejects.toThrow('the token is issued in the future');
  });

  it('gives each caller its own principal, not one object to share', async () => {
    const { tokens } = service();
    const { token } = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    const first = await tokens.verify(token);
    (first as { userId: string }).userId = 'changed';
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('still refuses a token signed with another key after its own tokens were accepted', async () => {
    const { tokens } = service();
    const { token } = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    await tokens.verify(token);
    const forged = await signed(
      { iat: nowSeconds, exp: nowSeconds + 600 },
      'another-key-another-key-another-key-0123',
    );
    await expect(tokens.verify(forged)).rejects.toThrow(/^the token is invalid$/);
  });
});

describe('TokenService refresh', () => {
  it('never carries a log-in past the session maximum, then refuses to refresh', async () => {
    const { tokens, clock } = service(3600, 24 * 3600);
    let current = await tokens.issue({ userId: 'user-1', email: 'a@example.com' });
    // Refresh every 50 minutes, as the SPA does, for 23 h 20 min.
    for (let i = 0; i < 28; i++) {
      clock.advance(50 * 60 * 1000);
      current = await tokens.issue(await tokens.verify(current.token));
    }
    // 23:20 after the log-in: the refreshed token ends with the session at 24:00, not at 00:20.
    expect(current.expiresAt).toBe('2026-12-02T10:00:00.000Z');
    clock.set('2026-12-02T10:00:30Z'); // still accepted within the clock skew…
    const user = await tokens.verify(current.token);
    await expect(tokens.issue(user)).rejects.toThrow(
      'the session has lasted as long as it may; log in again',
    );
  });

  it('refuses a lifetime above the hard maximum or a session shorter than a token', () => {
    expect(() => new TokenService(SECRET, MAX_TOKEN_LIFETIME_SECONDS + 1)).toThrow(
      /TOKEN_TTL_SECONDS must be between 1 and 86400/,
    );
    expect(() => new TokenService(SECRET, 0)).toThrow(/TOKEN_TTL_SECONDS/);
    expect(() => new TokenService(SECRET, 3600, undefined, 60)).toThrow(
      /SESSION_MAX_SECONDS must be at least/,
    );
  });
});

describe('TokenService and the clock', () => {
  it('stamps a token with the injected clock and judges its expiry by it', async () => {
    // given a clock pinned at the end of a month, far from whatever day the tests run on
    const clock = fixedClock('2027-01-31T23:59:30Z');
    const tokens = new TokenService(SECRET, 3600, clock);
    // when a token is issued
    const { token, expiresAt } = await tokens.issue({ userId: 'u1', email: 'ada@example.com' });
    // then it lasts one hour from the pinned instant, by the pinned clock
    expect(expiresAt).toBe('2027-02-01T00:59:30.000Z');
    // (verification tolerates the clock skew allowed between processes)
    clock.advance((3600 + TOKEN_CLOCK_SKEW_SECONDS - 1) * 1000);
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'u1', email: 'ada@example.com' });
    clock.advance(2_000);
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('the token has expired'));
  });
});
