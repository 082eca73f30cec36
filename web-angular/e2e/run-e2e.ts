// End-to-end runner: builds the SPA (E2E_SKIP_BUILD=1 reuses dist/), starts the real standalone system once
// (free port, temporary DATA_DIR, its clock pinned: system-clock.ts), runs every *.e2e.spec.ts against it with node:test in
// Debian's chromium, and stops the system by its PID. Usage: npm run test:e2e [-- <filter>]
// With --dapr (npm run test:e2e:dapr): the cluster on Dapr instead, as `npm run start:dapr` runs it, on the machine's clock
// (the Dapr scheduler cannot be pinned: system.ts), and the specs that read no date but a reminder's, seconds or a minute ahead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startDaprCluster, startSystem } from './system.ts';

/** On Dapr: a reminder set in the browser pops up (issue 12), and live sync over WebSocket and SSE. */
const DAPR_SPECS = ['reminder.e2e.spec.ts', 'realtime.e2e.spec.ts'];

const e2eDir = import.meta.dirname;
const onDapr = process.argv.includes('--dapr');
const filter = process.argv.slice(2).find((a) => a !== '--dapr');
const specs = readdirSync(e2eDir)
  .filter((f) => f.endsWith('.e2e.spec.ts') && (!filter || f.includes(filter)))
  .filter((f) => !onDapr || DAPR_SPECS.includes(f))
  .sort()
  .map((f) => join(e2eDir, f));

// Always test what the sources say (a stale dist/ would test old code), unless told not to.
const index = join(REPO_ROOT, 'web-angular', 'dist', 'web-angular', 'browser', 'index.html');
if (!existsSync(index) || process.env.E2E_SKIP_BUILD !== '1') {
  console.log('[e2e] building the SPA…');
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(onDapr ? '[e2e] starting the cluster on Dapr…' : '[e2e] starting the standalone system…');
const system = onDapr ? await startDaprCluster() : await startSystem();
console.log(`[e2e] system ready at ${system.baseUrl} (pid ${system.pid})`);

// The README's pictures are the standalone run's: the Dapr run's go to a folder removed after it.
const shotsDir = onDapr ? mkdtempSync(join(tmpdir(), 'todo-e2e-dapr-shots-')) : null;
let code = 1;
try {
  code = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          E2E_BASE_URL: system.baseUrl,
          E2E_CLOCK_OFFSET_MS: String(system.clockOffsetMs),
          ...(shotsDir ? { E2E_SCREENSHOT_DIR: shotsDir } : {}),
        },
      },
    );
    child.on('exit', (exitCode) => done(exitCode ?? 1));
  });
} finally {
  await system.stop();
  if (shotsDir) rmSync(shotsDir, { recursive: true, force: true });
  console.log('[e2e] system stopped');
}
process.exit(code);
