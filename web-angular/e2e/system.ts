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
  /** How far its clock is from the machine's: pinned to start at PINNED_START. */
  clockOffsetMs: number;
  stop(): Promise<void>;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the system exited with ${child.exitCode} while starting:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the system was not ready within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts the real standalone system (`node deploy/standalone/main.ts`) on a free port with
 * a fresh temporary DATA_DIR (its own embedded PostgreSQL), and stops it by its PID. Its clock
 * (and its PostgreSQL's) starts at PINNED_START under libfaketime, in SYSTEM_TIME_ZONE.
 */
export async function startSystem(): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-e2e-'));
  const clock = clockStartingAt(PINNED_START);
  const child = spawn(process.execPath, ['deploy/standalone/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...clock.env,
      TZ: SYSTEM_TIME_ZONE,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
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
      }, 20_000);
      await exited;
      clearTimeout(timer);
    }
    dropFaketimeObjectsOf(pid);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, child, () => output, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid, clockOffsetMs: clock.offsetMs, stop };
}
