import { createHash, randomBytes } from 'node:crypto';
import { API_TOKEN_PATTERN, API_TOKEN_PREFIX } from '@todo/contracts';

export interface NewApiTokenSecret {
  /** Shown to the user once, never stored. */
  token: string;
  /** What is stored and looked up: SHA-256 of the token. */
  hash: Buffer;
  /** The start of the token, to recognise it in a list. */
  hint: string;
}

/**
 * 256 random bits need no slow hash: nobody can guess them, so SHA-256 (one fast, indexed
 * lookup per request) is as safe as scrypt would be, and far cheaper.
 */
export const hashApiToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function newApiTokenSecret(): NewApiTokenSecret {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token), hint: token.slice(0, API_TOKEN_PREFIX.length + 4) };
}

/** Whether a bearer credential is meant as an API token (rather than a session JWT). */
export const isApiTokenShaped = (bearer: string): boolean => bearer.startsWith(API_TOKEN_PREFIX);
export const isWellFormedApiToken = (bearer: string): boolean => API_TOKEN_PATTERN.test(bearer);
