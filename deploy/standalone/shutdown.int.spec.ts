import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { rawRequest } from '../testing/raw-request.ts';
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

  it('answers every request on keep-alive connections during SIGTERM: finished, or 503 problem+json with Connection: close', async () => {
    await system?.stop();
    if (system) removeDataDir(system.dataDir);
    const sys = await spawnSystem();
    system = sys;
    const signup = await fetch(`${sys.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'keepalive@example.com', password: 'password123' }),
    });
    const { token } = (await signup.json()) as { token: string };
    const { port } = new URL(sys.url);

    interface Answer {
      status: number;
      connection: string | undefined;
      contentType: string | undefined;
      body: string;
    }
    const send = async (agent: Agent, method: string, path: string, body?: string): Promise<Answer> => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const res = await rawRequest({ host: '127.0.0.1', port, method, path, agent, headers }, body);
      return {
        status: res.status,
        connection: res.headers.connection,
        contentType: res.headers['content-type'],
        body: res.text,
      };
    };

    // Sixteen keep-alive connections busy with writes and reads…
    const busy = new Agent({ keepAlive: true, maxSockets: 16 });
    const answers: Answer[] = [];
    const failures: string[] = [];
    let exited = false;
    const workers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; !exited; i++) {
        try {
          answers.push(
            i % 2 === 0
              ? await send(busy, 'POST', '/api/tasks', JSON.stringify({ title: `k${w}-${i}` }))
              : await send(busy, 'GET', i % 4 === 1 ? '/healthz' : '/api/tasks?limit=1'),
          );
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          // Refused: the listener is closed and the request never left; anything else lost an answer.
          if (code === 'ECONNREFUSED') return;
          failures.push(code);
          return;
        }
      }
    });
    // …and one that sits idle through the start of the shutdown, then sends.
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(idle, 'GET', '/healthz')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));

    const stopped = sys.stop().then(() => (exited = true)); // SIGTERM, resolves on exit
    // The shutdown has begun once new connections are refused (bounded wait).
    for (let tries = 0; tries < 500; tries++) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      if (refused) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const late = await send(idle, 'POST', '/api/tasks', JSON.stringify({ title: 'too late' })).catch(
      (error: NodeJS.ErrnoException) => error.code ?? String(error),
    );
    await stopped;
    await Promise.all(workers);
    busy.destroy();
    idle.destroy();

    expect(failures).toEqual([]);
    expect(late).toMatchObject({ status: 503, connection: 'close' });
    const problem = late as Answer;
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(problem.body)).toMatchObject({ status: 503, title: 'Shutting down' });
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect([answer.connection, answer.contentType]).toEqual([
        'close',
        expect.stringMatching(/problem\+json/),
      ]);
    }
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  });
});
