import { createHash } from 'node:crypto';
import { badRequest, unprocessable, type Knex } from '@todo/platform';

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
    const inserted = await trx.raw(
      `insert into idempotency_keys (user_id, key, request_hash) values (?, ?, ?) on conflict do nothing`,
      [userId, key, hash],
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
