import type { Knex } from 'knex';

/** A statement in pg's own terms: `$1`… parameters, and a name to prepare it under. */
export interface PooledStatement {
  text: string;
  values: unknown[];
  /** Prepared once per pooled connection under this name (the text must not change). */
  name?: string | undefined;
}

interface PooledQueryConfig {
  text: string;
  values: unknown[];
  name?: string;
  rowMode: 'array';
}

/** What queryPooled needs of a pooled connection: pg's `Client.query`, in its callback form. */
interface PgConnection {
  query(
    config: PooledQueryConfig,
    callback: (error: Error | null, result: { rows: unknown[][] }) => void,
  ): void;
}

/**
 * Runs one statement on a pg connection in pg's callback form, and gives its rows. Not pg's
 * promise form (`query(config)` without a callback): with it, each answer's rows (a list
 * page is one ~19 KB JSON string) outlived V8's minor GCs and were promoted, until the next
 * full GC. Lists at 300/s (bench/foundation.ts' queries): 23 % of the system's allocation
 * survived each minor GC, ~10 MB copied per GC, pauses 12-38 ms (median per run); in the
 * callback form 0-3 %, 2.6-7.6 ms. Plain pg, the same statement in a loop: 73 % against 1 %.
 */
function queryRows(connection: PgConnection, config: PooledQueryConfig): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    connection.query(config, (error, result) => (error ? reject(error) : resolve(result.rows)));
  });
}

/**
 * Runs one statement on a connection of knex's pool, straight through pg, and gives its rows
 * as arrays. For hot reads whose SQL is written by hand: knex's query compiler, its rewriting
 * of `?` into `$n` over the whole text and its runner were a tenth of a list request's CPU in
 * Node. A connection that broke is released all the same: knex's pool checks it before
 * handing it out again.
 */
export async function queryPooled(knex: Knex, statement: PooledStatement): Promise<unknown[][]> {
  const connection = (await knex.client.acquireConnection()) as PgConnection;
  try {
    const config = { text: statement.text, values: statement.values, rowMode: 'array' as const };
    return await queryRows(connection, statement.name ? { ...config, name: statement.name } : config);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
