import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { fixedClock } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// Tokens are issued and checked against this pinned instant, never the machine's clock.
const PINNED = '2026-12-01T10:00:00Z';
const now = Date.parse(PINNED) / 1000;

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(PINNED) });
});
afterAll(async () => t.stop());

const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { status: number; errors?: { field: string }[]; detail: string };
};

describe('auth over HTTP', () => {
  it('signs up, refuses a taken email, and logs in', async () => {
    const email = `Alice${Date.now()}@Example.com`;
    const created = await t.api('/api/auth/signup', {
      method: 'POST',
      json: { email, password: 'password1' },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { token: string; user: { email: string } };
    expect(body.user.email).toBe(email.toLowerCase());
    const again = await t.api('/api/auth/signup', { method: 'POST', json: { email, password: 'password2' } });
    expect(again.status).toBe(409);
    const login = await t.api('/api/auth/login', { method: 'POST', json: { email, password: 'password1' } });
    expect(login.status).toBe(200);
    const me = await t.api('/api/me', { token: ((await login.json()) as { token: string }).token });
    expect(((await me.json()) as { email: string }).email).toBe(email.toLowerCase());
  });

  it('names the field for an invalid email or a short password', async () => {
    const bad = await t.api('/api/auth/signup', {
      method: 'POST',
      json: { email: 'nope', password: 'password1' },
    });
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors?.map((e) => e.field)).toContain('email');
    const short = await t.api('/api/auth/signup', {
      method: 'POST',
      json: { email: 'x@y.co', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect((await problemOf(short)).errors?.map((e) => e.field)).toContain('password');
  });

  it('answers 401 for a wrong password and for an unknown email alike', async () => {
    const { email } = await t.signup();
    const wrong = await t.api('/api/auth/login', {
      method: 'POST',
      json: { email, password: 'wrong-password' },
    });
    const unknown = await t.api('/api/auth/login', {
      method: 'POST',
      json: { email: 'nobody@example.com', password: 'whatever1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await problemOf(wrong)).detail).toBe((await problemOf(unknown)).detail);
  });

  it('refuses a missing, malformed, forged or expired token', async () => {
    const { token, userId } = await t.signup();
    expect((await t.api('/api/tasks')).status).toBe(401);
    expect((await t.api('/api/tasks', { headers: { authorization: 'Token abc' } })).status).toBe(401);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await t.api('/api/tasks', { token: forged })).status).toBe(401);
    const otherKey = await new SignJWT({ email: 'x@y.co' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('todo-system')
      .setAudience('todo-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('an-attacker-secret-an-attacker-secret-00'));
    expect((await t.api('/api/tasks', { token: otherKey })).status).toBe(401);
    const expired = await new SignJWT({ email: 'x@y.co' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('todo-system')
      .setAudience('todo-api')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode('test-secret-test-secret-test-secret-0123'));
    const res = await t.api('/api/tasks', { token: expired });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).detail).toMatch(/expired/);
  });

  it('refuses a correctly signed token without exp or iat everywhere a token is taken, refresh included', async () => {
    const { userId } = await t.signup();
    const key = new TextEncoder().encode('test-secret-test-secret-test-secret-0123');
    const base = () =>
      new SignJWT({ email: 'x@y.co' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer('todo-system')
        .setAudience('todo-api');
    const cases = [
      { token: await base().setIssuedAt(now).sign(key), why: 'the token has no expiry time (exp)' },
      {
        token: await base()
          .setExpirationTime(now + 600)
          .sign(key),
        why: 'the token has no issue time (iat)',
      },
      {
        token: await base()
          .setIssuedAt(now)
          .setExpirationTime(now + 30 * 24 * 3600)
          .sign(key),
        why: 'the token is valid for longer than any token may be',
      },
      {
        token: await base()
          .setIssuedAt(now + 3600)
          .setExpirationTime(now + 7200)
          .sign(key),
        why: 'the token is issued in the future',
      },
    ];
    for (const { token, why } of cases) {
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['POST', '/api/auth/refresh'],
        ['POST', '/api/realtime/ticket'],
        ['GET', '/api/stream'],
      ] as const) {
        const res = await t.api(path, { method, token });
        expect([path, res.status]).toEqual([path, 401]);
        expect((await problemOf(res)).detail).toBe(why);
      }
    }
  });

  it('serves OpenAPI 3.1 and the docs UI without a token', async () => {
    const spec = (await (await t.api('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/tasks', '/api/tasks/{id}', '/api/audit']),
    );
    const docs = await t.api('/api/docs/');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });
});
