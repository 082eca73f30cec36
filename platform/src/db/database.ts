import type { Config } from '../config.ts';
import {
  SERVICE_AUTOVACUUM_NAPTIME,
  startEmbeddedPostgres,
  type PostgresStartLog,
} from './embedded-postgres.ts';
import { createKnex, type Knex } from './knex.ts';

export interface Database {
  knex: Knex;
  connectionString: string;
  close(): Promise<void>;
}

/** `DATABASE_URL` when set, otherwise the embedded PostgreSQL under `DATA_DIR`. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log?: PostgresStartLog,
): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(config.dataDir, {
        autovacuumNaptime: SERVICE_AUTOVACUUM_NAPTIME,
        ...(log ? { log } : {}),
      });
  const connectionString = config.databaseUrl ?? embedded!.connectionString;
  const knex = createKnex(connectionString);
  return {
    knex,
    connectionString,
    close: async () => {
      await knex.destroy();
      await embedded?.stop();
    },
  };
}
