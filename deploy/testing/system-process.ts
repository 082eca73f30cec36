import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@todo/platform';
import { endingWithParent } from '@todo/platform/testing';

const MAIN = resolve(fileURLToPath(import.meta.url), '../../standalone/main.ts');

export interface SystemProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** Milliseconds from spawn to the first successful GET /readyz. */
  readyAfterMs: number;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: nothing runs on the way out), and wait for the exit. */
  crash(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`system exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('system did not become ready in time');
}

/**
 * `npm start`'s entry point as a child process on a free port (the load generator must not
 * share the server's event loop). Reuses `dataDir` when given, e.g. to time a second start.
 */
export async function spawnSystem(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    /** Receives what the process writes (its log lines) instead of the test's own output. */
    onOutput?: (text: string) => void;
  } = {},
): Promise<SystemProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'todo-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  // A test run that dies (killed, crashed) takes the system with it: SIGTERM, its graceful stop.
  const run = endingWithParent(process.execPath, [MAIN]);
  const child = spawn(run.command, run.args, {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', options.onOutput ? 'pipe' : 'inherit', options.onOutput ? 'pipe' : 'inherit'],
  });
  if (options.onOutput) {
    child.stdout?.on('data', (chunk: Buffer) => options.onOutput!(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => options.onOutput!(chunk.toString()));
  }
  // 'close': exited, and everything it wrote has been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  try {
    await waitReady(url, child, 60_000);
  } catch (error) {
    if (child.exitCode !== null) await exited;
    throw error;
  }
  const readyAfterMs = Date.now() - started;
  return {
    url,
    pid: child.pid!,
    dataDir,
    readyAfterMs,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
