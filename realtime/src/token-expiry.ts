import type { ApiTokenTable } from '@todo/platform';

/**
 * A stream lives no longer than the token it was opened with: an expired token must not keep
 * receiving a user's changes (the session may have ended). The heartbeat checks, so a stream
 * ends at most one heartbeat after its token; the client reconnects with a fresh token.
 */
export const tokenExpired = (tokenValidUntil: Date | null | undefined, now: Date): boolean =>
  tokenValidUntil != null && tokenValidUntil.getTime() <= now.getTime();

/** What a stream was opened with: until when its token holds, and the API token's id if one. */
export interface StreamCredential {
  tokenValidUntil: Date | null;
  apiTokenId: string | null;
}

/**
 * Which of the API tokens open streams were opened with have been revoked since: one query
 * per heartbeat and instance (not per stream), so a revoked token's streams end at most one
 * heartbeat after the revocation, as an expired one's do.
 */
export async function revokedAmong(
  table: Pick<ApiTokenTable, 'revokedAmong'>,
  credentials: Iterable<StreamCredential>,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const c of credentials) if (c.apiTokenId) ids.add(c.apiTokenId);
  return ids.size === 0 ? new Set() : table.revokedAmong([...ids]);
}
