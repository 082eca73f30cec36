import { createKnex, startEmbeddedPostgres } from '@todo/platform';
import { removeDataDir, spawnSystem } from '@todo/deploy/testing';
import {
  measureRemindersAtClient,
  REMINDER_TABLE_HEAD,
  REMINDER_USERS,
  REMINDERS_PER_TASK,
} from './lib/reminders-at-client.ts';

const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/**
 * Issue 13: reminder lateness where the user sees it. The standalone system in a child process;
 * the measurement of bench/lib/reminders-at-client.ts against it.
 */
export async function run(): Promise<string> {
  const system = await spawnSystem({ env: { JWT_SECRET } });
  const pg = await startEmbeddedPostgres(system.dataDir); // attaches to the system's server
  const knex = createKnex(pg.connectionString, 2);
  try {
    const { rows, notes } = await measureRemindersAtClient({ url: system.url, jwtSecret: JWT_SECRET, knex });
    return [
      '## Reminders at the WebSocket client (issue 13)',
      '',
      `The standalone system (\`npm start\`) in a child process; ${REMINDER_USERS} users, one WebSocket client each, in the benchmark process; ` +
        `tasks with absolute reminders written through \`POST /api/tasks\` (${REMINDERS_PER_TASK} per task in the busy case), due at random instants in the window. ` +
        'Lateness = arrival of the `reminder.due` message at the client − the reminder instant (one wall clock: same machine).',
      '',
      `- ${notes.join('; ')}.`,
      '',
      'Replaced: the same benchmark against the code before this change (commit bafd140, 2026-12-01 11:27 UTC, load average 10, ' +
        'busy case shortened to 2,000 reminders within 20 s): quiet p50 524 ms, p99 1,153 ms; busy p50 1,000 ms, p99 2,197 ms ' +
        '(firing recorded: p50 203 ms, p99 1,237 ms); the issue saw p50 445 ms, p99 1,000 ms in a test. The cause: the firing’s NOTIFY ' +
        'was lost (sent after the scheduler’s savepoint had ended) and the projection’s back-off grew to the 1 s poll; see docs/ARCHITECTURE.md.',
      '',
      ...REMINDER_TABLE_HEAD,
      ...rows,
      '',
    ].join('\n');
  } finally {
    await knex.destroy();
    await pg.stop();
    await system.stop();
    removeDataDir(system.dataDir);
  }
}
