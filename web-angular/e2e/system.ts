import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@todo/platform';
import { clockStartingAt, dropFaketimeObjectsOf } from '@todo/platform/testing';
import { PINNED_START, SYSTEM_TIME_ZONE } from './system-clock.ts';

/** The repository root, from web-angular/e2e. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface RunningSystem {
  baseUrl: string;
  pid: number;
  /** How far its clock is from the machine's: pinned to start at PINNED_START (0: the machine's). */
  clockOffsetMs: number;
  stop(): Promise<void>;
}

/** How a launcher says it is ready: its `/readyz` answers 200 and, if given, a line of its output matches. */
interface Readiness {
  timeoutMs: number;
  logLine?: RegExp;
}

async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  log: () => string,
  saidReady: () => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the system exited with ${child.exitCode} while starting:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok && saidReady()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the system was not ready within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Runs a launcher of the repository (`node <entry> …args`) on a free port with a fresh
 * temporary DATA_DIR, waits until it is ready, and stops it by its PID (SIGTERM, its graceful
 * stop; SIGKILL after `stopGraceMs`).
 */
async function launch(
  entry: string[],
  env: Record<string, string>,
  options: { readiness: Readiness; stopGraceMs: number; clockOffsetMs: number },
): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-e2e-'));
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Seen as it comes: the line may leave the kept tail before the next readiness poll.
  const { logLine } = options.readiness;
  let saidReady = !logLine;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (logLine?.test(output)) saidReady = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the system');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null) process.kill(pid, 'SIGKILL');
      }, options.stopGraceMs);
      await exited;
      clearTimeout(timer);
    }
    dropFaketimeObjectsOf(pid);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(
      baseUrl,
      child,
      () => output,
      () => saidReady,
      options.readiness.timeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid, clockOffsetMs: options.clockOffsetMs, stop };
}

/**
 * Starts the real standalone system (`node deploy/standalone/main.ts`, what `npm start` runs).
 * Its clock (and its PostgreSQL's) starts at PINNED_START under libfaketime, in SYSTEM_TIME_ZONE.
 */
export async function startSystem(): Promise<RunningSystem> {
  const clock = clockStartingAt(PINNED_START);
  return launch(
    ['deploy/standalone/main.ts'],
    { ...clock.env, TZ: SYSTEM_TIME_ZONE, LOG_LEVEL: 'warn' },
    { readiness: { timeoutMs: 90_000 }, stopGraceMs: 20_000, clockOffsetMs: clock.offsetMs },
  );
}

/**
 * Starts the cluster on Dapr as `npm run start:dapr` runs it (`node deploy/cluster/main.ts
 * --dapr`): every service on its own real daprd, the Dapr scheduler, Kafka and PostgreSQL,
 * behind one gateway port that serves the SPA. The scheduler and daprd are Go, which reads
 * the clock through the vDSO, so libfaketime cannot move them: this run keeps the machine's
 * clock (offset 0), and a spec only ever sets a reminder a few seconds from `systemNow()`.
 * The Node processes still run in SYSTEM_TIME_ZONE. Ready once the launcher says the whole
 * cluster is (its gateway's `/readyz` alone is the command API's).
 */
export async function startDaprCluster(): Promise<RunningSystem> {
  return launch(
    ['deploy/cluster/main.ts', '--dapr'],
    // Its own PostgreSQL and Kafka, whatever the caller's environment points at.
    { TZ: SYSTEM_TIME_ZONE, LOG_LEVEL: 'info', DATABASE_URL: '', KAFKA_BROKERS: '', JWT_SECRET: '' },
    {
      readiness: { timeoutMs: 240_000, logLine: /todo cluster on Dapr ready/ },
      // The launcher stops services, sidecars, the scheduler, Kafka and PostgreSQL in turn.
      stopGraceMs: 60_000,
      clockOffsetMs: 0,
    },
  );
}
