import type { Clock, Knex } from '@todo/platform';
import { addressKey, retryAt, type LoginLimits } from './login-limits.ts';

export type LoginAttempt =
  | { refused: true; retryAfterSeconds: number }
  | { refused: false; succeeded(): Promise<void>; failed(): Promise<void> };

/**
 * Wrong passwords per account and per client address, counted in PostgreSQL so that the
 * limit holds across every instance of the command API. An attempt is written down before
 * the password is checked and counted with everyone else's, so concurrent guesses cannot
 * slip past the limit together; a refused attempt is not counted (hammering does not
 * prolong the lock) and the password is not even checked (no scrypt work to exhaust).
 */
export class LoginThrottle {
  private readonly knex: Knex;
  private readonly limits: LoginLimits;
  private readonly clock: Clock;

  constructor(knex: Knex, limits: LoginLimits, clock: Clock) {
    this.knex = knex;
    this.limits = limits;
    this.clock = clock;
  }

  async attempt(email: string, ip: string): Promise<LoginAttempt> {
    const now = this.clock.now();
    const windowMs = this.limits.windowSeconds * 1000;
    const since = new Date(now.getTime() - windowMs);
    const keys = [
      { key: `account:${email}`, limit: this.limits.perAccount },
      { key: `address:${addressKey(ip)}`, limit: this.limits.perAddress },
    ];
    const ours: { id: string }[] = await this.knex('login_failures')
      .insert(keys.map(({ key }) => ({ key, failed_at: now })))
      .returning('id');
    const ids = ours.map((r) => r.id);
    const others: { key: string; failed_at: Date }[] = await this.knex('login_failures')
      .whereIn(
        'key',
        keys.map((k) => k.key),
      )
      .where('failed_at', '>', since)
      .whereNotIn('id', ids)
      .orderBy('failed_at')
      .select('key', 'failed_at');
    // Ours is one more failure of each key: only limit - 1 others may be in the window.
    const until = keys
      .map(({ key, limit }) =>
        retryAt(
          others.filter((r) => r.key === key).map((r) => r.failed_at),
          limit,
          windowMs,
        ),
      )
      .filter((d): d is Date => d !== null);
    const mine = this.knex('login_failures').whereIn('id', ids);
    if (until.length > 0) {
      await mine.delete();
      const latest = Math.max(...until.map((d) => d.getTime()));
      return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((latest - now.getTime()) / 1000)) };
    }
    return {
      refused: false,
      // The right password clears the account's count; the address keeps its count, or one
      // account of the guesser's own would reset it between guesses.
      succeeded: async () => {
        await this.knex('login_failures').whereIn('id', ids).orWhere('key', keys[0]!.key).delete();
      },
      // The attempt stays as a failure; whatever has left the window goes.
      failed: async () => {
        await this.knex('login_failures').where('failed_at', '<=', since).delete();
      },
    };
  }
}
