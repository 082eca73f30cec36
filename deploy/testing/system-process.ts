import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@todo/platform';

const MAIN = resolve(fileURLToPath(import.meta.url), '../../standalone/main.ts');

export interface SystemProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** Milliseconds from spawn to the first successful GET /readyz. */
  readyAfterMs: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no shutdown hooks run. Resolves once the process is gone. */
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
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<SystemProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'todo-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitReady(url, child, 60_000);
  const readyAfterMs = Date.now() - started;
  return {
    url,
    pid: child.pid!,
    dataDir,
    readyAfterMs,
    stop: () => signal(child, 'SIGTERM'),
    crash: () => signal(child, 'SIGKILL'),
  };
}

async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(name);
  await exited;
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
