import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from '@todo/platform';
import type { StreamCredential } from './token-expiry.ts';

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

/** Who a redeemed ticket lets in, and until when (the expiry of the token it was bought with). */
export interface TicketHolder extends StreamCredential {
  userId: string;
}

/**
 * Single-use WebSocket tickets, kept in PostgreSQL so a ticket issued by one instance can
 * be redeemed on any other. Redeeming deletes the row: a second use finds nothing.
 */
export class TicketStore {
  private readonly knex: Knex;
  readonly ttlSeconds: number;

  constructor(knex: Knex, ttlSeconds: number) {
    this.knex = knex;
    this.ttlSeconds = ttlSeconds;
  }

  async issue(
    userId: string,
    credential: StreamCredential = { tokenValidUntil: null, apiTokenId: null },
  ): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    await this.knex.raw(
      `insert into realtime_tickets (ticket_hash, user_id, expires_at, token_valid_until, api_token_id)
       values (?, ?, now() + make_interval(secs => ?), ?, ?)`,
      [hash(ticket), userId, this.ttlSeconds, credential.tokenValidUntil, credential.apiTokenId],
    );
    return ticket;
  }

  /** The ticket's holder, or null if it is unknown, used already or expired. */
  async redeem(ticket: string): Promise<TicketHolder | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return null;
    const result = await this.knex.raw<{
      rows: {
        user_id: string;
        token_valid_until: Date | null;
        api_token_id: string | null;
        valid: boolean;
      }[];
    }>(
      `delete from realtime_tickets where ticket_hash = ?
       returning user_id, token_valid_until, api_token_id, expires_at > now() as valid`,
      [hash(ticket)],
    );
    const row = result.rows[0];
    return row?.valid
      ? { userId: row.user_id, tokenValidUntil: row.token_valid_until, apiTokenId: row.api_token_id }
      : null;
  }

  async deleteExpired(): Promise<number> {
    return this.knex('realtime_tickets').where('expires_at', '<', this.knex.fn.now()).delete();
  }
}
