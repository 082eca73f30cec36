import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKnex,
  createLogger,
  migrate,
  startEmbeddedPostgres,
  type Knex,
  type Migration,
} from '@todo/platform';

/** A throw-away embedded PostgreSQL with every migration applied, for a benchmark run. */
export async function benchDatabase(
  migrations: readonly Migration[],
): Promise<{ knex: Knex; connectionString: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-bench-'));
  const pg = await startEmbeddedPostgres(dataDir, { database: 'bench' });
  const knex = createKnex(pg.connectionString, 30);
  await migrate(knex, migrations);
  return {
    knex,
    connectionString: pg.connectionString,
    close: async () => {
      await knex.destroy();
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const silentLogger = () => createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
