import type { Knex } from '@todo/platform';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  timezone: string;
}

export class EmailTaken extends Error {}

export class UserRepository {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
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
  }

  async timezoneOf(id: string): Promise<string> {
    const row = await this.knex('users').where({ id }).first('timezone');
    return row?.timezone ?? 'UTC';
  }
}
