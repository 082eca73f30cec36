import { createHash } from 'node:crypto';
import { badRequest, unprocessable, userLock, type Knex } from '@todo/platform';

export interface StoredResponse {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/**
 * Runs a write at most once per (user, Idempotency-Key). The key row is inserted in the
 * same transaction as the events, so a crash leaves neither; a concurrent duplicate waits
 * on the key's unique index and then answers with the stored response.
 */
export async function onceFor(
  knex: Knex,
  userId: string,
  key: string,
  body: unknown,
  run: (trx: Knex.Transaction) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('Idempotency-Key must be 1-200 visible ASCII characters', [
      { field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  const hash = requestHash(body);
  return knex.transaction(async (trx) => {
    // The key row is this transaction's first write, so the user's append lock is taken with
    // it: the transaction id then follows the lock, as the event store requires for the
    // user's events to be in log order (see append-function.ts).
    const inserted = await trx.raw(
      `with locked as (select ${userLock('?')})
       insert into idempotency_keys (user_id, key, request_hash) select ?, ?, ? from locked
       on conflict do nothing`,
      [userId, userId, key, hash],
    );
    if (inserted.rowCount === 0) {
      const row = await trx('idempotency_keys').where({ user_id: userId, key }).first();
      if (row.request_hash !== hash) {
        throw unprocessable('this Idempotency-Key was already used with a different request', [
          { field: 'Idempotency-Key', message: 'already used with a different request body' },
        ]);
      }
      return { status: row.status_code, body: row.response };
    }
    const response = await run(trx);
    await trx('idempotency_keys')
      .where({ user_id: userId, key })
      .update({ status_code: response.status, response: JSON.stringify(response.body) });
    return response;
  });
}
