import { createHash, randomBytes } from 'node:crypto';
import type { Clock, Knex } from '@todo/platform';

/** 32 random bytes, base64url: 43 characters, never guessed. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const hash = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * The users' feed secrets. A feed is found by the hash of its secret (an index lookup of a
 * digest: its timing says nothing about any secret), so a wrong, revoked and never-made
 * secret are the same miss.
 */
export class FeedSecrets {
  private readonly knex: Knex;
  private readonly clock: Clock;

  constructor(knex: Knex, clock: Clock) {
    this.knex = knex;
    this.clock = clock;
  }

  /** A new secret for the user; one made before stops working in the same statement. */
  async regenerate(userId: string): Promise<{ secret: string; createdAt: string }> {
    const secret = randomBytes(32).toString('base64url');
    const createdAt = this.clock.now().toISOString();
    await this.knex.raw(
      `insert into calendar_feeds (user_id, secret_hash, created_at) values (?, ?, ?)
       on conflict (user_id) do update set secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
      [userId, hash(secret), createdAt],
    );
    return { secret, createdAt };
  }

  /** When the user's feed was made, or null when they have none. */
  async createdAt(userId: string): Promise<string | null> {
    const row = await this.knex('calendar_feeds').select('created_at').where({ user_id: userId }).first();
    return row ? new Date(row.created_at as Date).toISOString() : null;
  }

  async revoke(userId: string): Promise<void> {
    await this.knex('calendar_feeds').where({ user_id: userId }).delete();
  }

  /** The owner of the feed with this secret, or null. */
  async ownerOf(secret: string): Promise<string | null> {
    if (!SECRET.test(secret)) return null;
    const row = await this.knex('calendar_feeds')
      .select('user_id')
      .where({ secret_hash: hash(secret) })
      .first();
    return row ? String(row.user_id) : null;
  }
}
