import { createKnex, startEmbeddedPostgres } from '@todo/platform';

const LIVENESS_MS = 180_000;

/**
 * Waits until every consumer of the standalone system in `dataDir` (the tasks projection, the
 * sagas, …) has applied the whole log, and says how long that took. A benchmark of reads
 * measures a steady state: right after a burst of writes the in-process consumers still work
 * through their backlog on the same two cores (the sagas read each task's stream, so they
 * trail the projection by seconds), and reads timed then measure that catch-up instead.
 */
export async function consumersCaughtUp(dataDir: string): Promise<number> {
  // Attached to the system's running PostgreSQL (it owns the shutdown).
  const pg = await startEmbeddedPostgres(dataDir, { log: { info: () => {}, warn: () => {} } });
  const knex = createKnex(pg.connectionString, 1);
  const t0 = performance.now();
  try {
    for (;;) {
      const { rows } = await knex.raw(
        `select count(*)::int as behind from consumer_checkpoints
          where position < (select coalesce(max(position), 0) from events)`,
      );
      if ((rows[0] as { behind: number }).behind === 0) return performance.now() - t0;
      if (performance.now() - t0 > LIVENESS_MS)
        throw new Error('the consumers did not catch up within 3 min');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await knex.destroy();
    await pg.stop();
  }
}
