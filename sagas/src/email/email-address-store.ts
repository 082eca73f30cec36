import type { Knex } from '@todo/platform';

export interface EmailAddress {
  address: string;
  verifiedAt: Date | null;
  verificationSentAt: Date | null;
}

/** The user's address for reminder emails and whether it is verified. */
export class EmailAddressStore {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async get(userId: string): Promise<EmailAddress | null> {
    const row = await this.knex('email_addresses').where({ user_id: userId }).first();
    return row
      ? { address: row.address, verifiedAt: row.verified_at, verificationSentAt: row.verification_sent_at }
      : null;
  }

  /** A new address starts unverified; the same address again keeps its verification. */
  async set(userId: string, address: string, sentAt: Date): Promise<EmailAddress> {
    const [row] = await this.knex('email_addresses')
      .insert({ user_id: userId, address, verified_at: null, verification_sent_at: sentAt })
      .onConflict('user_id')
      .merge({
        address,
        verification_sent_at: sentAt,
        verified_at: this.knex.raw(
          'case when email_addresses.address = excluded.address then email_addresses.verified_at end',
        ),
      })
      .returning(['address', 'verified_at', 'verification_sent_at']);
    return {
      address: row.address,
      verifiedAt: row.verified_at,
      verificationSentAt: row.verification_sent_at,
    };
  }

  /** True when the user's address is still the one the link was sent to (now verified). */
  async verify(userId: string, address: string, at: Date): Promise<boolean> {
    const updated = await this.knex('email_addresses')
      .where({ user_id: userId, address })
      .update({ verified_at: this.knex.raw('coalesce(verified_at, ?)', [at]) });
    return updated > 0;
  }

  async remove(userId: string): Promise<boolean> {
    return (await this.knex('email_addresses').where({ user_id: userId }).delete()) > 0;
  }
}
