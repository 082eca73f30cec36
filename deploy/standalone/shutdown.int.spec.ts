import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeDataDir, spawnSystem, type SystemProcess } from '../testing/system-process.ts';

let system: SystemProcess | undefined;
afterAll(async () => {
  await system?.stop();
  if (system) removeDataDir(system.dataDir);
});

describe('npm start, graceful shutdown', () => {
  it('loses no accepted write on SIGTERM and stops PostgreSQL cleanly', async () => {
    system = await spawnSystem();
    const signup = await fetch(`${system.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'shutdown@example.com', password: 'password123' }),
    });
    const { token } = (await signup.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const accepted: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${system!.url}/api/tasks`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ title: `w${w}-${i}` }),
          });
          if (res.status === 201) accepted.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone: this request was never accepted
        }
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    const pid = system.pid;
    await system.stop(); // SIGTERM, waits for the exit
    stop = true;
    await Promise.all(writers);
    expect(accepted.length).toBeGreaterThan(0);
    expect(existsSync(join(system.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();

    // Start again on the same data: every accepted write is there.
    const again = await spawnSystem({ dataDir: system.dataDir });
    system = again;
    const login = await fetch(`${again.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'shutdown@example.com', password: 'password123' }),
    });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await (
        await fetch(`${again.url}/api/tasks?limit=200${qs}`, { headers: auth })
      ).json()) as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      page.items.forEach((i) => ids.add(i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(accepted.filter((id) => !ids.has(id))).toEqual([]);
  });
});
