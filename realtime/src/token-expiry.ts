/**
 * A stream lives no longer than the token it was opened with: an expired token must not keep
 * receiving a user's changes (the session may have ended). The heartbeat checks, so a stream
 * ends at most one heartbeat after its token; the client reconnects with a fresh token.
 */
export const tokenExpired = (tokenValidUntil: Date | null | undefined, now: Date): boolean =>
  tokenValidUntil != null && tokenValidUntil.getTime() <= now.getTime();
