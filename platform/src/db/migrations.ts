import type { Knex } from 'knex';
import { assertServerVersion } from './server-version.ts';

/** A named schema change; names sort in the order they must run. */
export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/** Runs the migrations of every part of the system in name order, each at most once. */
export async function migrate(knex: Knex, migrations: readonly Migration[]): Promise<void> {
  const { rows } = await knex.raw<{ rows: { num: string; version: string }[] }>(
    `select current_setting('server_version_num') as num, current_setting('server_version') as version`,
  );
  assertServerVersion(Number(rows[0]?.num), rows[0]?.version ?? 'unknown');
  const sorted = [...migrations].sort((a, b) => a.name.localeCompare(b.name));
  await knex.migrate.latest({
    tableName: 'schema_migrations',
    migrationSource: {
      getMigrations: async () => sorted,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
