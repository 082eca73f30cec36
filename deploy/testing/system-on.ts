import { createLogger, loadConfig, type Clock, type Timers } from '@todo/platform';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../standalone/system.ts';
// Same secret as startTestSystem(), so a token works on every instance.
import { TEST_JWT_SECRET } from './test-system.ts';

/**
 * Another instance of the standalone system on an existing database: a restart, or a
 * second realtime instance beside the first. `env` sets REALTIME_* tunables for it; `time`
 * gives it a test's clock and timers (manual time drives its waits).
 */
export async function startSystemOn(
  connectionString: string,
  env: Record<string, string> = {},
  time: { clock?: Clock; timers?: Timers } = {},
): Promise<RunningSystem> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startSystem(
      {
        ...loadConfig({}),
        port: 0,
        databaseUrl: connectionString,
        dataDir: mkdtempSync(join(tmpdir(), 'todo-rt-')),
        jwtSecret: TEST_JWT_SECRET,
      },
      createLogger('silent'),
      time,
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
