import type { Knex } from '@todo/platform';

const POLL_MS = 2;

/**
 * Read-your-writes: every append bumps the user's `user_logs.last_seq` in the write
 * transaction, and the tasks projection records the last user sequence it applied (or set
 * aside as quarantined) per user in its own. A read
 * waits (briefly, bounded) until the projection has applied all of the user's events, so a
 * GET right after a successful write shows it, in one process or across several.
 */
export async function waitForUsersWrites(knex: Knex, userId: string, projection = 'tasks', timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = eventsBehind(userId, projection);
    const result = await knex.raw(`select ${behind.sql} as behind`, behind.bindings);
    if (Number(result.rows[0].behind) <= 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * How many of the user's events the projection has not applied yet, as a scalar SQL
 * expression: a read that selects it beside its rows learns, from the same snapshot, whether
 * those rows already show the user's writes (one round trip instead of a check, then a read).
 */
export function eventsBehind(userId: string, projection: string): { sql: string; bindings: string[] } {
  return {
    sql: `(coalesce((select last_seq from user_logs where user_id = ?), 0)
         - coalesce((select applied from projection_user_progress where projection = ? and user_id = ?), 0))`,
    bindings: [userId, projection, userId],
  };
}
