import { randomUUID } from 'node:crypto';
import type { Knex } from '@todo/platform';
import { EMAIL_CHANNEL } from './email-enqueuer.ts';

export interface EmailAddress {
  address: string;
  verifiedAt: Date | null;
  verificationRequestedAt: Date | null;
}

const toAddress = (row: {
  address: string;
  verified_at: Date | null;
  verification_requested_at: Date | null;
}) => ({
  address: row.address,
  verifiedAt: row.verified_at,
  verificationRequestedAt: row.verification_requested_at,
});

/** The user's address for reminder emails and whether it is verified. */
export class EmailAddressStore {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async get(userId: string): Promise<EmailAddress | null> {
    const row = await this.knex('email_addresses').where({ user_id: userId }).first();
    return row ? toAddress(row) : null;
  }

  /**
   * Sets the address and queues its verification mail in one transaction (the worker sends
   * it, with retries). A new address starts unverified; the same one again keeps its state.
   */
  async set(userId: string, address: string, at: Date): Promise<EmailAddress> {
    return this.knex.transaction(async (trx) => {
      const [row] = await trx('email_addresses')
        .insert({ user_id: userId, address, verified_at: null, verification_requested_at: at })
        .onConflict('user_id')
        .merge({
          address,
          verification_requested_at: at,
          verified_at: trx.raw(
            'case when email_addresses.address = excluded.address then email_addresses.verified_at end',
          ),
        })
        .returning(['address', 'verified_at', 'verification_requested_at']);
      // A verification still waiting for an earlier address is of no use any more.
      await trx('email_deliveries')
        .where({ user_id: userId, kind: 'verify', status: 'pending' })
        .update({ status: 'cancelled', finished_at: at, last_error: 'the address was set again' });
      await trx('email_deliveries').insert({
        delivery_id: randomUUID(),
        kind: 'verify',
        user_id: userId,
        address,
        created_at: at,
        next_attempt_at: at,
      });
      await trx.raw('select pg_notify(?, ?)', [EMAIL_CHANNEL, '1']);
      return toAddress(row);
    });
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
