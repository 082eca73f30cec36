import { afterAll, describe, expect, it } from '@jest/globals';
import { isAlive, postgresProcessesOf } from '@todo/platform';
import { descendantsOf, survivorsAfter } from '@todo/platform/testing';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeDataDir, spawnSystem, type SystemProcess } from '../testing/system-process.ts';

// `npm start`'s own process, crashed (SIGKILL) and started again on the same DATA_DIR, and
// started as root under a directory the database user cannot enter.

/** How long the processes a crashed launcher started may take to end: liveness, not speed. */
const ENDS_WITHIN_MS = 60_000;

const started: SystemProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
  // Whatever a failing run left behind on our data directories (only ours) is stopped.
  for (const dir of dirs) for (const pid of postgresProcessesOf(join(dir, 'pg'))) process.kill(pid, 'SIGINT');
  for (const dir of dirs) removeDataDir(dir);
});

const postmasterLines = (dataDir: string) =>
  readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
const postmasterPid = (dataDir: string) => Number(postmasterLines(dataDir)[0]);

async function call(
  url: string,
  path: string,
  init: { token?: string; json?: unknown; method?: string } = {},
) {
  const res = await fetch(url + path, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.json ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('npm start killed with SIGKILL', () => {
  it(
    'takes every process it started with it: PostgreSQL ends by its own clean shutdown',
    async () => {
      const system = await spawnSystem();
      dirs.push(system.dataDir);
      const postmaster = postmasterPid(system.dataDir);
      const below = descendantsOf(system.pid);
      expect(below.map((p) => p.pid)).toContain(postmaster);

      await system.crash();

      expect(await survivorsAfter(below, ENDS_WITHIN_MS)).toEqual([]);
      // A postmaster removes its lock file only on a clean shutdown (a SIGKILLed one leaves it).
      expect(existsSync(join(system.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    },
    ENDS_WITHIN_MS + 30_000,
  );
});

describe('npm start after a crash', () => {
  it('stops the PostgreSQL a SIGKILLed system left running, starts its own, says so, keeps the data, and leaves none after a graceful stop', async () => {
    const first = await spawnSystem();
    dirs.push(first.dataDir);
    // A session still open keeps the crashed system's PostgreSQL in its smart shutdown, which
    // waits for it: the server stays on the data directory with its owner gone.
    const port = postmasterLines(first.dataDir)[3];
    const session = new pg.Client({ connectionString: `postgres://todo:todo@127.0.0.1:${port}/todo` });
    session.on('error', () => {}); // the next start's fast shutdown ends it
    await session.connect();
    const credentials = { email: 'crash@example.com', password: 'password123' };
    const { body: auth } = await call(first.url, '/api/auth/signup', { json: credentials });
    const { status, body: task } = await call(first.url, '/api/tasks', {
      token: auth.token as string,
      json: { title: 'written before the crash' },
    });
    expect(status).toBe(201);

    const orphan = postmasterPid(first.dataDir);
    await first.crash();
    expect(isAlive(orphan)).toBe(true); // waiting for our session: this is the orphan

    const output: string[] = [];
    const second = await spawnSystem({ dataDir: first.dataDir, onOutput: (text) => output.push(text) });
    started.push(second);
    const lines = output
      .join('')
      .split('\n')
      .filter((line) => line.includes(`pid ${orphan}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /was left running by process \d+, which is gone: stopping it cleanly and starting our own/,
    );
    expect(isAlive(orphan)).toBe(false);
    const own = postmasterPid(first.dataDir);
    expect(own).not.toBe(orphan);

    const { body: again } = await call(second.url, '/api/auth/login', { json: credentials });
    const { body: read } = await call(second.url, `/api/tasks/${task.id as string}`, {
      token: again.token as string,
    });
    expect(read.title).toBe('written before the crash');

    await second.stop();
    expect(isAlive(own)).toBe(false);
    expect(postgresProcessesOf(join(first.dataDir, 'pg'))).toEqual([]);
  });
});

describe('npm start as root under a directory closed to others', () => {
  it('refuses with one line that names the directory and what to do, and changes nothing above DATA_DIR', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'todo-closed-'));
    chmodSync(closed, 0o700);
    dirs.push(closed);
    const dataDir = join(closed, 'todo-data');
    const output: string[] = [];
    const start = spawnSystem({ dataDir, onOutput: (text) => output.push(text) }).then(
      (s) => (started.push(s), 'started'),
      () => 'refused',
    );
    if (process.getuid?.() !== 0) {
      // Not root: PostgreSQL runs as this user, who can enter the directory; nothing to refuse.
      expect(await start).toBe('started');
      return;
    }
    expect(await start).toBe('refused');
    const lines = output.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toBe(
      `PostgreSQL runs as the user "postgres" (this process is root) and cannot enter ${closed} (mode 0700) ` +
        `on the way to DATA_DIR=${dataDir}: set DATA_DIR to a directory it can reach (for example /var/lib/todo), ` +
        `or let it through with "chmod o+x ${closed}".`,
    );
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    expect(existsSync(dataDir)).toBe(false); // a refused start leaves nothing behind
  });
});
