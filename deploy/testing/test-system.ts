import type { LoginLimits } from '@todo/command-api';
import { createLogger, loadConfig, type Clock, type Config } from '@todo/platform';
import type { Timers } from '@todo/sagas';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../standalone/system.ts';

export interface TestSystem {
  system: RunningSystem;
  db: TestDatabase;
  url: string;
  api(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  signup(email?: string): Promise<{ token: string; userId: string; email: string }>;
  stop(): Promise<void>;
}

/** Every test instance signs with it, so a token works on each instance of one database. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

let counter = 0;

/** The whole standalone system on a free port against a fresh test database. */
export async function startTestSystem(
  options: {
    clock?: Clock;
    /** How the sagas' loops sleep: a test's manual time, with its clock. */
    timers?: Timers;
    loginLimits?: LoginLimits;
    /** Settings beyond the defaults, e.g. `smtpUrl` of a test SMTP server. */
    config?: Partial<Config>;
    emailFirstRetryMs?: number;
  } = {},
): Promise<TestSystem> {
  const db = await createTestDatabase();
  const config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: db.connectionString,
    dataDir: mkdtempSync(join(tmpdir(), 'todo-test-')),
    jwtSecret: TEST_JWT_SECRET,
    ...options.config,
  };
  const system = await startSystem(config, createLogger('silent'), options);
  const api: TestSystem['api'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(system.url + path, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  return {
    system,
    db,
    url: system.url,
    api,
    signup: async (email = `user${++counter}-${Date.now()}@example.com`) => {
      const res = await api('/api/auth/signup', {
        method: 'POST',
        json: { email, password: 'correct horse' },
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { token: string; user: { id: string } };
      return { token: body.token, userId: body.user.id, email };
    },
    stop: async () => {
      await system.stop();
      await db.drop();
    },
  };
}
