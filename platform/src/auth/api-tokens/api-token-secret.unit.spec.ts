import { describe, expect, it } from '@jest/globals';
import { API_TOKEN_PATTERN } from '@todo/contracts';
import {
  hashApiToken,
  isApiTokenShaped,
  isWellFormedApiToken,
  newApiTokenSecret,
} from './api-token-secret.ts';

describe('a new API token secret', () => {
  it('is todo_pat_ and 256 random bits, its hash the SHA-256 of it, its hint its start', () => {
    const secret = newApiTokenSecret();
    expect(secret.token).toMatch(API_TOKEN_PATTERN);
    expect(Buffer.from(secret.token.slice('todo_pat_'.length), 'base64url')).toHaveLength(32);
    expect(secret.hash).toEqual(hashApiToken(secret.token));
    expect(secret.hash).toHaveLength(32);
    expect(secret.hint).toBe(secret.token.slice(0, 13));
    expect(newApiTokenSecret().token).not.toBe(secret.token);
  });

  it('is told apart from a session JWT by its prefix', () => {
    const { token } = newApiTokenSecret();
    expect(isApiTokenShaped(token)).toBe(true);
    expect(isWellFormedApiToken(token)).toBe(true);
    expect(isApiTokenShaped('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    expect(isWellFormedApiToken(`${token}x`)).toBe(false);
  });
});
