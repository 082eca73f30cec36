import type { Knex } from '@todo/platform';

/** A claimed delivery is not claimed again for this long (a worker that died mid-send). */
export const DELIVERY_LEASE_MS = 60_000;
const BATCH = 10;

/**
 * Claims the pending deliveries of an outbox table that are due at `now`, oldest due first,
 * skipping rows another instance holds, and leases them (their next attempt moves a lease
 * ahead) in the same transaction: the slow part, the send, then runs outside any transaction,
 * and a worker that dies mid-send leaves its rows to be claimed again after the lease.
 */
export function claimDue<Row extends { delivery_id: string }>(
  knex: Knex,
  table: string,
  columns: readonly string[],
  now: Date,
): Promise<Row[]> {
  return knex.transaction(async (trx) => {
    const rows: Row[] = await trx(table)
      .select(...columns)
      .where({ status: 'pending' })
      .andWhere('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked();
    if (rows.length > 0) {
      await trx(table)
        .whereIn(
          'delivery_id',
          rows.map((r) => r.delivery_id),
        )
        .update({ next_attempt_at: new Date(now.getTime() + DELIVERY_LEASE_MS) });
    }
    return rows;
  });
}

/** The earliest next attempt still pending in an outbox table: what its worker sleeps until. */
export async function earliestPending(knex: Knex, table: string): Promise<Date | null> {
  const next = await knex(table).where({ status: 'pending' }).min({ at: 'next_attempt_at' }).first();
  return next?.at ? new Date(next.at) : null;
}
