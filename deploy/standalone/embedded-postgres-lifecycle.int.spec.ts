import { afterAll, describe, expect, it } from '@jest/globals';
import { isAlive, postgresProcessesOf } from '@todo/platform';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, spawnSystem, type SystemProcess } from '../testing/system-process.ts';

// `npm start`'s own process, crashed and started again on the same DATA_DIR, and started
// as root under a directory the database user cannot enter.

const started: SystemProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
  // Whatever a failing run left behind on our data directories (only ours) is stopped.
  for (const dir of dirs) for (const pid of postgresProcessesOf(join(dir, 'pg'))) process.kill(pid, 'SIGINT');
  for (const dir of dirs) removeDataDir(dir);
});

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

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

describe('npm start after a crash', () => {
  it('stops the PostgreSQL a SIGKILLed system left running, starts its own, says so, keeps the data, and leaves none after a graceful stop', async () => {
    const first = await spawnSystem();
    dirs.push(first.dataDir);
    const credentials = { email: 'crash@example.com', password: 'password123' };
    const { body: auth } = await call(first.url, '/api/auth/signup', { json: credentials });
    const { status, body: task } = await call(first.url, '/api/tasks', {
      token: auth.token as string,
      json: { title: 'written before the crash' },
    });
    expect(status).toBe(201);

    const orphan = postmasterPid(first.dataDir);
    await first.crash();
    expect(isAlive(orphan)).toBe(true); // nothing stopped it: this is the orphan

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
