import type { Knex } from 'knex';

/** A statement in pg's own terms: `$1`… parameters, and a name to prepare it under. */
export interface PooledStatement {
  text: string;
  values: unknown[];
  /** Prepared once per pooled connection under this name (the text must not change). */
  name?: string | undefined;
}

interface PgConnection {
  query(config: { text: string; values: unknown[]; name?: string; rowMode: 'array' }): Promise<{
    rows: unknown[][];
  }>;
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
    const result = await connection.query(statement.name ? { ...config, name: statement.name } : config);
    return result.rows;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
