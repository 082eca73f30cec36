import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '@todo/platform';
import {
  descendantsOf,
  endingWithParent,
  stillRunning,
  survivorsAfter,
  type ProcessIdentity,
} from '@todo/platform/testing';

// `npm run start:dapr`'s launcher, killed with SIGKILL (no handler of its runs): everything it
// started ends with it. The binaries (PostgreSQL, Kafka's JVM, the Dapr scheduler, one daprd
// per app) by the kernel's parent-death signal, the service processes when their IPC channel
// closes. The launcher runs as `npm run start:dapr` runs it, with its own PostgreSQL and Kafka.

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** How long the processes may take to end: a liveness bound, not a measure of speed. */
const ENDS_WITHIN_MS = 120_000;
const READY_WITHIN_MS = 280_000;

let dataDir: string;
let launcher: ChildProcess;
let output = '';
let below: ProcessIdentity[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'todo-dapr-launcher-'));
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
  const run = endingWithParent(process.execPath, [
    '--disable-warning=TimeoutNegativeWarning',
    MAIN,
    '--dapr',
  ]);
  launcher = spawn(run.command, run.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready in time:\n${output.slice(-4000)}`)),
      READY_WITHIN_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('todo cluster on Dapr ready')) {
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
}, READY_WITHIN_MS + 20_000);

afterAll(async () => {
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGTERM');
  // A failed run leaves nothing behind either: what is still running is stopped by its pid
  // (PostgreSQL with its fast shutdown; its backends follow it).
  for (const p of below.filter(stillRunning)) {
    if (p.command.includes('/postgres -D')) process.kill(p.pid, 'SIGINT');
    else if (!p.command.includes('postgres:')) process.kill(p.pid, 'SIGTERM');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const running = (processes: ProcessIdentity[], part: string) =>
  processes.filter((p) => p.command.includes(part));

describe('npm run start:dapr killed with SIGKILL', () => {
  it(
    'leaves none of its processes running: sidecars, scheduler, services, Kafka, PostgreSQL',
    async () => {
      below = descendantsOf(launcher.pid!);
      // What it started is all there, so that "none left" says something.
      expect(running(below, '/postgres ').length).toBeGreaterThan(0);
      expect(running(below, 'kafka.Kafka')).toHaveLength(1);
      expect(running(below, '/scheduler ')).toHaveLength(1);
      expect(running(below, '/daprd ').length).toBeGreaterThanOrEqual(5);
      expect(running(below, 'deploy/cluster/services/').length).toBeGreaterThanOrEqual(5);

      const exited = new Promise((resolve) => launcher.once('exit', resolve));
      launcher.kill('SIGKILL');
      await exited;

      const survivors = await survivorsAfter(below, ENDS_WITHIN_MS);
      expect(survivors.map((p) => `${p.pid} ${p.command}`)).toEqual([]);
      // PostgreSQL was shut down cleanly (a killed postmaster leaves its lock file behind).
      expect(existsSync(join(dataDir, 'cluster', 'pg', 'postmaster.pid'))).toBe(false);
    },
    ENDS_WITHIN_MS + 30_000,
  );
});
