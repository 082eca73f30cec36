import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, fixedClock, loadConfig } from '@todo/platform';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest } from '../testing/raw-request.ts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';
import { startSystem, type RunningSystem } from './system.ts';

// The limits are counted against this pinned clock; "after the window" is a clock advance.
const clock = fixedClock('2026-12-01T10:00:00Z');
const limits = { perAccount: 3, perAddress: 5, windowSeconds: 600 };

let t: TestSystem;
let second: RunningSystem;
beforeAll(async () => {
  t = await startTestSystem({ clock, loginLimits: limits });
  // A second instance on the same database: the counts live in PostgreSQL, not in a process.
  second = await startSystem(
    {
      ...loadConfig({}),
      port: 0,
      databaseUrl: t.db.connectionString,
      dataDir: mkdtempSync(join(tmpdir(), 'todo-test-')),
      jwtSecret: 'test-secret-test-secret-test-secret-0123',
    },
    createLogger('silent'),
    { clock, loginLimits: limits },
  );
});
afterAll(async () => {
  await second?.stop();
  await t?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  contentType: string | undefined;
  body: { detail?: string };
}

/** POST /api/auth/login from a chosen loopback address (Linux routes all of 127/8 locally). */
async function login(base: string, from: string, email: string, password: string): Promise<Answer> {
  const url = new URL('/api/auth/login', base);
  const res = await rawRequest(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      localAddress: from,
      headers: { 'content-type': 'application/json' },
    },
    JSON.stringify({ email, password }),
  );
  return {
    status: res.status,
    retryAfter: res.headers['retry-after'],
    contentType: res.headers['content-type'],
    body: JSON.parse(res.text) as { detail?: string },
  };
}

describe('log-in rate limit', () => {
  it('locks an account after too many wrong passwords, on every instance, the right one included, until the window passes', async () => {
    const alice = await t.signup();
    const bob = await t.signup();
    for (let i = 0; i < limits.perAccount; i++) {
      // Alternate instances: the count is shared.
      const base = i % 2 === 0 ? t.url : second.url;
      expect((await login(base, '127.0.0.1', alice.email, `wrong-${i}`)).status).toBe(401);
    }
    const locked = await login(t.url, '127.0.0.1', alice.email, 'wrong-again');
    expect(locked).toMatchObject({ status: 429, retryAfter: '600' });
    expect(locked.contentType).toMatch(/^application\/problem\+json/);
    expect(locked.body.detail).toMatch(/too many wrong passwords/);
    // The right password is refused too: else the answer would tell a guesser it was right.
    expect((await login(second.url, '127.0.0.1', alice.email, 'correct horse')).status).toBe(429);
    // From another address: still locked (the account is the key).
    expect((await login(t.url, '127.0.0.2', alice.email, 'correct horse')).status).toBe(429);
    // Another account from the same address is unaffected.
    expect((await login(t.url, '127.0.0.1', bob.email, 'correct horse')).status).toBe(200);

    clock.advance(599_000);
    const later = await login(t.url, '127.0.0.1', alice.email, 'correct horse');
    expect(later).toMatchObject({ status: 429, retryAfter: '1' });
    clock.advance(1_000);
    expect((await login(t.url, '127.0.0.1', alice.email, 'correct horse')).status).toBe(200);
  });

  it('locks an address that guesses across many accounts, and no other address', async () => {
    const carol = await t.signup();
    for (let i = 0; i < limits.perAddress; i++) {
      expect((await login(t.url, '127.0.0.3', `nobody${i}@example.com`, 'guess')).status).toBe(401);
    }
    const locked = await login(second.url, '127.0.0.3', carol.email, 'correct horse');
    expect(locked).toMatchObject({ status: 429, retryAfter: '600' });
    expect((await login(t.url, '127.0.0.4', carol.email, 'correct horse')).status).toBe(200);

    clock.advance(600_000);
    expect((await login(t.url, '127.0.0.3', carol.email, 'correct horse')).status).toBe(200);
  });

  it('clears an account’s count when its right password gets through', async () => {
    const dave = await t.signup();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < limits.perAccount - 1; i++) {
        expect((await login(t.url, `127.0.0.${10 + round}`, dave.email, 'wrong')).status).toBe(401);
      }
      expect((await login(t.url, '127.0.0.9', dave.email, 'correct horse')).status).toBe(200);
    }
  });
});
