import type { Knex } from 'knex';

/**
 * A batch's effects as data, so that they can go out in one statement: data-modifying
 * statements (insert, update, delete; each becomes a CTE of one `with … select`) and the
 * NOTIFYs to send with the commit. On this machine a batch costs mostly its round trips.
 */
export interface BatchWrites {
  statements: (Knex.Raw | Knex.QueryBuilder)[];
  notify?: { channel: string; payloads: string[] };
}

/**
 * The statement that runs `writes`: `head` CTEs first (the log's gate), then the writes, and
 * the main query `select <columns>, <the NOTIFYs> [from <from>]`. PostgreSQL runs the CTEs
 * the main query reads as it reads them and the other data-modifying ones after it, to
 * completion, so a gate read in `from` runs before any write, and one that raises rolls
 * back the whole statement.
 */
export function batchStatement(
  db: Knex | Knex.Transaction,
  writes: BatchWrites,
  query: {
    head?: string;
    headBindings?: Knex.RawBinding[];
    columns?: string;
    bindings?: Knex.RawBinding[];
    from?: string;
  } = {},
): Knex.Raw {
  const ctes = [...(query.head ? [query.head] : []), ...writes.statements.map((_, i) => `w${i} as (?)`)];
  const notify = writes.notify?.payloads.length
    ? `(select count(pg_notify(?, payload)) from unnest(?::text[]) as payload) as notified`
    : '0 as notified';
  const sql =
    (ctes.length ? `with ${ctes.join(',\n')}\n` : '') +
    `select ${query.columns ? `${query.columns}, ` : ''}${notify}${query.from ? ` from ${query.from}` : ''}`;
  return db.raw(sql, [
    ...(query.headBindings ?? []),
    ...writes.statements,
    ...(query.bindings ?? []),
    ...(writes.notify?.payloads.length ? [writes.notify.channel, writes.notify.payloads] : []),
  ]);
}

/** Runs the writes in the caller's transaction, in one statement (nothing when there are none). */
export async function runBatchWrites(trx: Knex.Transaction, writes: BatchWrites): Promise<void> {
  if (writes.statements.length === 0 && !writes.notify?.payloads.length) return;
  await batchStatement(trx, writes);
}
