import type { Clock, Knex } from '@todo/platform';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  timezone: string;
}

export class EmailTaken extends Error {}

const ZONE_TTL_MS = 30_000;
const zoneCache = new Map<string, { timezone: string; at: number }>();

export class UserRepository {
  private readonly knex: Knex;
  private readonly clock: Clock;
  constructor(knex: Knex, clock: Clock) {
    this.knex = knex;
    this.clock = clock;
  }

  async insert(user: UserRecord): Promise<void> {
    try {
      await this.knex('users').insert({
        id: user.id,
        email: user.email,
        password_hash: user.passwordHash,
        timezone: user.timezone,
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new EmailTaken(user.email);
      throw error;
    }
  }

  async byEmail(email: string): Promise<UserRecord | null> {
    const row = await this.knex('users').where({ email }).first();
    return row
      ? { id: row.id, email: row.email, passwordHash: row.password_hash, timezone: row.timezone }
      : null;
  }

  async byId(id: string): Promise<UserRecord | null> {
    const row = await this.knex('users').where({ id }).first();
    return row
      ? { id: row.id, email: row.email, passwordHash: row.password_hash, timezone: row.timezone }
      : null;
  }

  async setTimezone(id: string, timezone: string): Promise<void> {
    await this.knex('users').where({ id }).update({ timezone });
    zoneCache.set(id, { timezone, at: this.clock.now().getTime() });
  }

  /**
   * Asked on every create without a time zone; remembered briefly (another process may
   * serve a change of zone up to ZONE_TTL_MS late).
   */
  async timezoneOf(id: string): Promise<string> {
    const cached = zoneCache.get(id);
    const now = this.clock.now().getTime();
    if (cached && now - cached.at < ZONE_TTL_MS) return cached.timezone;
    const row = await this.knex('users').where({ id }).first('timezone');
    const timezone: string = row?.timezone ?? 'UTC';
    if (zoneCache.size >= 10_000) zoneCache.clear();
    zoneCache.set(id, { timezone, at: now });
    return timezone;
  }
}
