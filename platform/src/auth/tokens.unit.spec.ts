import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../clock.ts';
import { InvalidTokenError, TokenService } from './tokens.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const ADA = { userId: 'u1', email: 'ada@example.com' };

describe('TokenService', () => {
  it('stamps a token with the injected clock and judges its expiry by it', async () => {
    // given a clock pinned at the end of a month, far from whatever day the tests run on
    const clock = fixedClock('2027-01-31T23:59:30Z');
    const tokens = new TokenService(SECRET, 3600, clock);
    // when a token is issued
    const { token, expiresAt } = await tokens.issue(ADA);
    // then it lasts one hour from the pinned instant, by the pinned clock
    expect(expiresAt).toBe('2027-02-01T00:59:30.000Z');
    clock.advance(3599_000);
    await expect(tokens.verify(token)).resolves.toEqual(ADA);
    clock.advance(2_000);
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('the token has expired'));
  });
});
