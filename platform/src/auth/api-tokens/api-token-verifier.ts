import type { Knex } from 'knex';
import { systemClock, type Clock } from '../../clock.ts';
import { InvalidTokenError, type AuthenticatedUser } from '../tokens.ts';
import { hashApiToken, isWellFormedApiToken } from './api-token-secret.ts';
import { ApiTokenTable, LAST_USED_RESOLUTION_MS } from './api-token-table.ts';

/**
 * Verifies a personal API token: one lookup of its hash on the unique index, against the
 * table the revocation commits to, so a revoked token is refused by the very next request in
 * every process (there is no cache to go stale). "Now" is the injected clock.
 */
export class ApiTokenVerifier {
  private readonly table: ApiTokenTable;
  private readonly clock: Clock;

  constructor(knex: Knex, clock: Clock = systemClock) {
    this.table = new ApiTokenTable(knex);
    this.clock = clock;
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    // An unknown token and a malformed one get the same answer: nothing about tokens leaks.
    if (!isWellFormedApiToken(token)) throw new InvalidTokenError('the API token is invalid');
    const record = await this.table.byHash(hashApiToken(token));
    if (!record) throw new InvalidTokenError('the API token is invalid');
    if (record.revokedAt) throw new InvalidTokenError('the API token was revoked');
    const now = this.clock.now();
    if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) {
      throw new InvalidTokenError('the API token has expired');
    }
    // Kept to the minute, so a busy token costs one write a minute, not one a request.
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.table.touch(record.id, now);
    }
    return {
      userId: record.userId,
      email: record.email,
      scopes: record.scopes,
      authenticatedBy: 'api-token',
      apiTokenId: record.id,
      // Streams opened with the token end when it expires, as they do with a session's.
      ...(record.expiresAt ? { tokenValidUntil: record.expiresAt } : {}),
    };
  }
}
