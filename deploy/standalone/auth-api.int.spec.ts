import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
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
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode('test-secret-test-secret-test-secret-0123'));
    const res = await t.api('/api/tasks', { token: expired });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).detail).toMatch(/expired/);
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
