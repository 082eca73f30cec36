import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, spawnSystem, type SystemProcess } from '../../testing/system-process.ts';
import { clockAheadBy } from '@todo/platform/testing';
import { stopPostgresLeftRunning } from './postgres-left-running.ts';

/** Known to the suites, so that they can sign tokens the server would never issue. */
export const SYSTEM_TEST_JWT_SECRET = 'system-tests-secret-system-tests-secret-0123';

export interface StandaloneOptions {
  /** Reuse a data directory (a restart); a fresh temporary one otherwise. */
  dataDir?: string;
  /** Run the process with its wall clock this far ahead of the machine's. */
  clockAheadSeconds?: number;
  env?: Record<string, string>;
}

/** `node deploy/standalone/main.ts` on loopback, a free port and a temporary DATA_DIR. */
export function startStandalone(options: StandaloneOptions = {}): Promise<SystemProcess> {
  return spawnSystem({
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'todo-system-test-')),
    env: {
      HOST: '127.0.0.1',
      JWT_SECRET: SYSTEM_TEST_JWT_SECRET,
      LOG_LEVEL: 'error',
      ...(options.clockAheadSeconds !== undefined ? clockAheadBy(options.clockAheadSeconds) : {}),
      ...options.env,
    },
  });
}

/**
 * Stops the process, then any PostgreSQL that an earlier, killed process left running on the
 * same data directory (a restart attaches to it and does not stop it), then removes the data.
 */
export async function discardStandalone(system: SystemProcess | undefined): Promise<void> {
  if (!system) return;
  await system.stop();
  const left = await stopPostgresLeftRunning(system.dataDir);
  if (left !== null)
    console.warn(`[system-tests] stopped PostgreSQL ${left} left running on ${system.dataDir}`);
  removeDataDir(system.dataDir);
}
