import type { Knex } from '@todo/platform';
import type { DueJob, JobHandler } from './scheduler.ts';

/** A job's firing took effect, or failed (and was rolled back) with `error`. */
export type FiringOutcome<T> = { item: T; ok: true } | { item: T; ok: false; error: unknown };

/**
 * Fires a batch of due jobs in the caller's transaction, together under one savepoint; only
 * when one of them fails, again each under a savepoint of its own, so that the others still
 * take effect and the failed one alone is rolled back. A savepoint and its release are two
 * round trips, each a millisecond or more on a loaded 2-core machine: one pair a job made a
 * batch of 100 firings take about a second, more than the 100 jobs a second fall due at in
 * the busy reminder case. Outcomes come in the batch's order.
 */
export async function fireTogether<T>(
  trx: Knex.Transaction,
  items: readonly T[],
  fire: (item: T, transaction: Knex.Transaction) => Promise<void>,
): Promise<FiringOutcome<T>[]> {
  if (items.length === 0) return [];
  // knex resolves a savepoint whose callback rejected with no reason (rolled back all the
  // same): such a firing must still count as failed.
  const fireOrThrow = async (item: T, transaction: Knex.Transaction) => {
    try {
      await fire(item, transaction);
    } catch (error) {
      throw error instanceof Error ? error : new Error(`firing failed: ${String(error)}`, { cause: error });
    }
  };
  try {
    await trx.transaction(async (together) => {
      for (const item of items) await fireOrThrow(item, together);
    });
    return items.map((item) => ({ item, ok: true }));
  } catch {
    // Rolled back to before the batch: each on its own now, the failure kept with its job.
  }
  const outcomes: FiringOutcome<T>[] = [];
  for (const item of items) {
    try {
      await trx.transaction((alone) => fireOrThrow(item, alone));
      outcomes.push({ item, ok: true });
    } catch (error) {
      outcomes.push({ item, ok: false, error });
    }
  }
  return outcomes;
}

/**
 * The handler's read-ahead for a batch (JobHandler.prepare), under a savepoint of its own: if
 * it fails, the batch is fired all the same, each firing reading for itself.
 */
export async function prepareFirings(
  trx: Knex.Transaction,
  handler: JobHandler,
  jobs: readonly DueJob[],
): Promise<unknown> {
  if (!handler.prepare) return undefined;
  try {
    return await trx.transaction((ahead) => handler.prepare!(jobs, ahead));
  } catch {
    return undefined;
  }
}
