import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export type { Knex };

// bigint columns (positions, sequences) come back as strings: they may exceed 2^53.
// Timestamps come back as Date objects and are serialised as ISO strings by callers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);

export function createKnex(connectionString: string, poolMax = 20): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString },
    pool: { min: 0, max: poolMax },
  });
}
