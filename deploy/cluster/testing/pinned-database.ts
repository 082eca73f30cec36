import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnex, migrate, startEmbeddedPostgres } from '@todo/platform';
import type { PinnedClock, TestDatabase } from '@todo/platform/testing';
import { allMigrations } from '../../standalone/migrations.ts';

/**
 * A PostgreSQL of its own, on the same pinned clock as the cluster's processes: the embedded
 * server started with libfaketime preloaded (initdb and postgres inherit the environment they
 * are spawned with), migrated. The shared test server keeps the machine's clock, and the
 * system compares its processes' instants with the database's stamps (the reminder plan
 * judges a reminder against the `time` of the event that set it, PostgreSQL's `recorded_at`),
 * so a cluster on a pinned clock needs its database on that clock too.
 */
export async function pinnedDatabase(clock: PinnedClock): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-pinned-pg-'));
  const saved = Object.fromEntries(Object.keys(clock.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, clock.env);
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    server = await startEmbeddedPostgres(dataDir, {
      database: 'cluster',
      log: { info: () => {}, warn: (message) => console.warn(`[pinned-pg] ${message}`) },
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const knex = createKnex(server.connectionString);
  await migrate(knex, allMigrations);
  return {
    knex,
    connectionString: server.connectionString,
    drop: async () => {
      await knex.destroy();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
