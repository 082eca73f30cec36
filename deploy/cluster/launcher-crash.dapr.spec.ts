import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '@todo/platform';
import {
  descendantsOf,
  endingWithParent,
  stillRunning,
  survivorsAfter,
  type ProcessIdentity,
} from '@todo/platform/testing';

// The cluster launcher, killed with SIGKILL (no handler of its runs): everything it started
// ends with it. The binaries (PostgreSQL, Kafka's JVM, the Dapr scheduler, one daprd per app)
// by the kernel's parent-death signal, the service processes when their IPC channel closes.
// It runs as `npm run start:dapr` and `npm run start:cluster` run it, with its own PostgreSQL
// and Kafka (in the dapr project: it has the Dapr binaries, and Kafka's jars).

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** How long the processes may take to end: a liveness bound, not a measure of speed. */
const ENDS_WITHIN_MS = 120_000;
const READY_WITHIN_MS = 280_000;

interface Run {
  launcher: ChildProcess;
  dataDir: string;
  /** Every process below the launcher, read once it was ready. */
  below: ProcessIdentity[];
}
let run: Run | null = null;

afterEach(() => {
  if (!run) return;
  const { launcher, dataDir, below } = run;
  run = null;
  if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGTERM');
  // A failed run leaves nothing behind either: what is still running is stopped by its pid
  // (PostgreSQL with its fast shutdown; its backends follow it).
  for (const p of below.filter(stillRunning)) {
    if (p.command.includes('/postgres -D')) process.kill(p.pid, 'SIGINT');
    else if (!p.command.startsWith('postgres:')) process.kill(p.pid, 'SIGTERM');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the launcher with `args` and waits for its ready line; `run` knows what it started. */
async function startLauncher(args: string[], readyLine: string): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-launcher-crash-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  };
  // Its own database and broker, as an operator's run has: not the test run's.
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;
  // Should this test run die, the launcher gets SIGTERM: its graceful stop.
  const command = endingWithParent(process.execPath, [
    '--disable-warning=TimeoutNegativeWarning',
    MAIN,
    ...args,
  ]);
  const launcher = spawn(command.command, command.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  run = { launcher, dataDir, below: [] };
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready in time:\n${output.slice(-4000)}`)),
      READY_WITHIN_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    };
    launcher.stdout!.on('data', read);
    launcher.stderr!.on('data', read);
    launcher.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code}):\n${output.slice(-4000)}`));
    });
  });
  run.below = descendantsOf(launcher.pid!);
  return run;
}

/** SIGKILLs the launcher and returns what of it is still running once all ended or the bound passed. */
async function crash({ launcher, below }: Run): Promise<string[]> {
  const exited = new Promise((resolve) => launcher.once('exit', resolve));
  launcher.kill('SIGKILL');
  await exited;
  return (await survivorsAfter(below, ENDS_WITHIN_MS)).map((p) => `${p.pid} ${p.command}`);
}

const running = (processes: ProcessIdentity[], part: string) =>
  processes.filter((p) => p.command.includes(part));
const TEST_TIMEOUT_MS = READY_WITHIN_MS + ENDS_WITHIN_MS + 30_000;

describe('the cluster launcher killed with SIGKILL', () => {
  it(
    'npm run start:dapr leaves none of its processes running: sidecars, scheduler, services, Kafka, PostgreSQL',
    async () => {
      const started = await startLauncher(['--dapr'], 'todo cluster on Dapr ready');
      // What it started is all there, so that "none left" says something.
      expect(running(started.below, '/postgres -D')).toHaveLength(1);
      expect(running(started.below, 'kafka.Kafka')).toHaveLength(1);
      expect(running(started.below, '/scheduler ')).toHaveLength(1);
      expect(running(started.below, '/daprd ').length).toBeGreaterThanOrEqual(5);
      expect(running(started.below, 'deploy/cluster/services/').length).toBeGreaterThanOrEqual(5);

      expect(await crash(started)).toEqual([]);
      // PostgreSQL was shut down cleanly (a killed postmaster leaves its lock file behind).
      expect(existsSync(join(started.dataDir, 'cluster', 'pg', 'postmaster.pid'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'npm run start:cluster leaves none of its processes running: services, Kafka, PostgreSQL',
    async () => {
      const started = await startLauncher([], 'todo cluster ready');
      expect(running(started.below, '/postgres -D')).toHaveLength(1);
      expect(running(started.below, 'kafka.Kafka')).toHaveLength(1);
      expect(running(started.below, 'deploy/cluster/services/').length).toBeGreaterThanOrEqual(9);

      expect(await crash(started)).toEqual([]);
      expect(existsSync(join(started.dataDir, 'cluster', 'pg', 'postmaster.pid'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );
});
