import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded PostgreSQL that a standalone process we started (and killed) left running on
 * our own data directory, found by the PID in its `postmaster.pid`. Only that PID is
 * signalled: nothing is looked up by name.
 */
export function postgresLeftRunning(dataDir: string): number | null {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && alive(pid) ? pid : null;
}

/** Asks it for a fast shutdown (SIGINT) and waits (bounded) until it is gone. */
export async function stopPostgresLeftRunning(dataDir: string, timeoutMs = 20_000): Promise<number | null> {
  const pid = postgresLeftRunning(dataDir);
  if (pid === null) return null;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL ${pid} on ${dataDir} did not stop`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return pid;
}
