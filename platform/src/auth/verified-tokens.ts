import type { AuthenticatedUser } from './tokens.ts';

/** The seconds (Unix time) within which a token's time claims hold: `from` ≤ now < `until`. */
export interface ValidityWindow {
  from: number;
  until: number;
}

/**
 * Session JWTs whose signature was checked, by their exact text, so that a token sent again
 * is not verified again: the HMAC through WebCrypto was a tenth of the CPU of a list request.
 * Safe to keep: a session JWT cannot be revoked (nothing but its signature and its times is
 * checked, with no lookup), the entry is the token's own principal (a token is one user's),
 * and its times are checked again on every hit against the caller's clock; outside its
 * window the entry is dropped and the full verification gives the exact refusal. API tokens
 * are never kept here (their revocation must take effect on the next request).
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { user: AuthenticatedUser; window: ValidityWindow }>();
  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  /** The principal of a token verified before, while `nowSeconds` is within its window. */
  get(token: string, nowSeconds: number): AuthenticatedUser | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (nowSeconds < entry.window.from || nowSeconds >= entry.window.until) {
      this.entries.delete(token);
      return null;
    }
    return { ...entry.user };
  }

  remember(token: string, user: AuthenticatedUser, window: ValidityWindow): void {
    // Bounded: the oldest entry goes first (a Map keeps insertion order).
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { user: { ...user }, window });
  }
}
