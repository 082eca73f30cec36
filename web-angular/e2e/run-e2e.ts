// End-to-end runner: builds the SPA (E2E_SKIP_BUILD=1 reuses dist/), starts the real standalone system once
// (free port, temporary DATA_DIR, its clock pinned: system-clock.ts), runs every *.e2e.spec.ts against it with node:test in
// Debian's chromium, and stops the system by its PID. Usage: npm run test:e2e [-- <filter>]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startSystem } from './system.ts';

const e2eDir = import.meta.dirname;
const filter = process.argv[2];
const specs = readdirSync(e2eDir)
  .filter((f) => f.endsWith('.e2e.spec.ts') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(e2eDir, f));

// Always test what the sources say (a stale dist/ would test old code), unless told not to.
const index = join(REPO_ROOT, 'web-angular', 'dist', 'web-angular', 'browser', 'index.html');
if (!existsSync(index) || process.env.E2E_SKIP_BUILD !== '1') {
  console.log('[e2e] building the SPA…');
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log('[e2e] starting the standalone system…');
const system = await startSystem();
console.log(`[e2e] system ready at ${system.baseUrl} (pid ${system.pid})`);

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
        },
      },
    );
    child.on('exit', (exitCode) => done(exitCode ?? 1));
  });
} finally {
  await system.stop();
  console.log('[e2e] system stopped');
}
process.exit(code);
