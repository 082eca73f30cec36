import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  API_TOKEN_CREATED,
  API_TOKEN_PATTERN,
  API_TOKEN_REVOKED,
  type ApiScope,
  type AuditPage,
  type CreatedApiToken,
  type Me,
} from '@todo/contracts';
import { fixedClock, hashApiToken } from '@todo/platform';
import { connect } from '@todo/realtime/testing';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/**
 * Personal API tokens through the whole system: created from a password session, used as
 * `Authorization: Bearer` on REST and realtime, held to their scopes, refused once revoked or
 * expired (by the system's pinned clock), and recorded in the user's audit trail.
 */
const clock = fixedClock('2026-12-01T10:00:00.000Z');
let t: TestSystem;
let alice: { token: string; userId: string; email: string };
let bob: { token: string; userId: string; email: string };

beforeAll(async () => {
  t = await startTestSystem({ clock });
  alice = await t.signup();
  bob = await t.signup();
});
afterAll(() => t.stop());

async function createToken(
  session: string,
  body: { name: string; scopes: ApiScope[]; expiresInDays?: number },
): Promise<CreatedApiToken> {
  const res = await t.api('/api/tokens', { method: 'POST', token: session, json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedApiToken;
}

async function problemOf(res: Response): Promise<{ status: number; type: string; detail: string }> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { type: string; detail: string };
  return { status: res.status, type: body.type, detail: body.detail };
}

describe('personal API tokens', () => {
  it('are created with the secret shown once, stored only as a hash, and listed without it', async () => {
    const created = await createToken(alice.token, {
      name: 'my agent',
      scopes: ['tasks:read'],
      expiresInDays: 30,
    });
    expect(created.token).toMatch(API_TOKEN_PATTERN);
    expect(created).toMatchObject({
      name: 'my agent',
      scopes: ['tasks:read'],
      hint: created.token.slice(0, 13),
      createdAt: '2026-12-01T10:00:00.000Z',
      expiresAt: '2026-12-31T10:00:00.000Z',
      lastUsedAt: null,
    });

    const stored = await t.db.knex('api_tokens').where({ id: created.id }).first();
    expect(stored.secret_hash).toEqual(hashApiToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(13));

    const list = await t.api('/api/tokens', { token: alice.token });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items.map((i) => i.id)).toContain(created.id);
    expect(JSON.stringify(items)).not.toContain(created.token);
  });

  it('work as Bearer on REST and the WebSocket, and /api/me says their scopes', async () => {
    const reader = await createToken(alice.token, { name: 'reader', scopes: ['tasks:read'] });
    const writer = await createToken(alice.token, { name: 'writer', scopes: ['tasks:read', 'tasks:write'] });

    const me = (await (await t.api('/api/me', { token: reader.token })).json()) as Me;
    expect(me).toMatchObject({ id: alice.userId, scopes: ['tasks:read'], authenticatedBy: 'api-token' });
    const sessionMe = (await (await t.api('/api/me', { token: alice.token })).json()) as Me;
    expect(sessionMe).toMatchObject({ scopes: ['tasks:read', 'tasks:write'], authenticatedBy: 'session' });

    const socket = await connect(t.url, reader.token);
    const res = await t.api('/api/tasks', {
      method: 'POST',
      token: writer.token,
      json: { title: 'From an agent' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await socket.waitFor((messages) => messages.some((m) => m.type === 'task.upserted' && m.task.id === id));
    await socket.close();

    const listed = await t.api('/api/tasks', { token: reader.token });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain('From an agent');

    const sse = await t.api('/api/stream', { token: reader.token });
    expect(sse.status).toBe(200);
    await sse.body?.cancel();

    const used = await t.db.knex('api_tokens').where({ id: reader.id }).first();
    expect(used.last_used_at).toEqual(clock.now());
  });

  it('refuse a write with a read-only token (403 naming the missing scope), and change nothing', async () => {
    const reader = await createToken(alice.token, { name: 'read only', scopes: ['tasks:read'] });
    const res = await t.api('/api/tasks', { method: 'POST', token: reader.token, json: { title: 'Nope' } });
    expect(await problemOf(res)).toMatchObject({
      status: 403,
      type: expect.stringMatching(/\/insufficient-scope$/),
    });
    const list = await t.api(`/api/tasks?filter=${encodeURIComponent('search: Nope')}`, {
      token: alice.token,
    });
    expect(JSON.stringify(await list.json())).not.toContain('Nope');
  });

  it('refuse a read with a write-only token', async () => {
    const writer = await createToken(alice.token, { name: 'write only', scopes: ['tasks:write'] });
    const res = await t.api('/api/tasks', { token: writer.token });
    const problem = await problemOf(res);
    expect(problem).toMatchObject({ status: 403, type: expect.stringMatching(/\/insufficient-scope$/) });
    expect(problem.detail).toContain('tasks:read');
  });

  it('cannot manage tokens, refresh into a session or change the account (a leaked token mints nothing)', async () => {
    const full = await createToken(alice.token, { name: 'full', scopes: ['tasks:read', 'tasks:write'] });
    const attempts: [string, RequestInit & { json?: unknown }][] = [
      ['/api/tokens', { method: 'POST', json: { name: 'minted', scopes: ['tasks:read'] } }],
      ['/api/tokens', {}],
      [`/api/tokens/${full.id}`, { method: 'DELETE' }],
      ['/api/auth/refresh', { method: 'POST' }],
      ['/api/me', { method: 'PATCH', json: { timezone: 'Europe/Paris' } }],
    ];
    for (const [path, init] of attempts) {
      const problem = await problemOf(await t.api(path, { ...init, token: full.token }));
      expect(problem).toMatchObject({ status: 403, type: expect.stringMatching(/\/session-required$/) });
    }
    const stored = await t.db.knex('api_tokens').where({ user_id: alice.userId, name: 'minted' });
    expect(stored).toHaveLength(0);
  });

  it('are refused (401) by the very next request once revoked, and a second revoke changes nothing', async () => {
    const token = await createToken(alice.token, { name: 'to revoke', scopes: ['tasks:read'] });
    expect((await t.api('/api/tasks', { token: token.token })).status).toBe(200);

    const revoke = await t.api(`/api/tokens/${token.id}`, { method: 'DELETE', token: alice.token });
    expect(revoke.status).toBe(204);

    const problem = await problemOf(await t.api('/api/tasks', { token: token.token }));
    expect(problem).toMatchObject({ status: 401, detail: 'the API token was revoked' });
    expect((await t.api('/api/realtime/ticket', { method: 'POST', token: token.token })).status).toBe(401);

    expect((await t.api(`/api/tokens/${token.id}`, { method: 'DELETE', token: alice.token })).status).toBe(
      204,
    );
    const listed = (await (await t.api('/api/tokens', { token: alice.token })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((i) => i.id)).not.toContain(token.id);
  });

  it("answer 404 for another user's token id, and leave it working", async () => {
    const bobs = await createToken(bob.token, { name: 'bob agent', scopes: ['tasks:read'] });
    const res = await t.api(`/api/tokens/${bobs.id}`, { method: 'DELETE', token: alice.token });
    expect(await problemOf(res)).toMatchObject({ status: 404 });
    const aliceList = (await (await t.api('/api/tokens', { token: alice.token })).json()) as {
      items: { id: string }[];
    };
    expect(aliceList.items.map((i) => i.id)).not.toContain(bobs.id);
    const me = (await (await t.api('/api/me', { token: bobs.token })).json()) as Me;
    expect(me.id).toBe(bob.userId);
  });

  it('refuse an unknown or malformed token with 401, and bad bodies with 400 naming the field', async () => {
    const unknown = `todo_pat_${'A'.repeat(43)}`;
    expect(await problemOf(await t.api('/api/tasks', { token: unknown }))).toMatchObject({
      status: 401,
      detail: 'the API token is invalid',
    });
    expect((await t.api('/api/tasks', { token: 'todo_pat_short' })).status).toBe(401);
    const bad: [unknown, string][] = [
      [{ name: '', scopes: ['tasks:read'] }, 'name'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['tasks:admin'] }, 'scopes.0'],
      [{ name: 'x', scopes: ['tasks:read'], expiresInDays: 366 }, 'expiresInDays'],
    ];
    for (const [json, field] of bad) {
      const res = await t.api('/api/tokens', { method: 'POST', token: alice.token, json });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { field: string }[] };
      expect(body.errors.map((e) => e.field)).toContain(field);
    }
    expect((await t.api('/api/tokens/not-a-uuid', { method: 'DELETE', token: alice.token })).status).toBe(
      400,
    );
  });

  it('put creating and revoking in the audit trail, without the secret', async () => {
    const token = await createToken(alice.token, { name: 'audited', scopes: ['tasks:read'] });
    await t.api(`/api/tokens/${token.id}`, { method: 'DELETE', token: alice.token });
    const audit = (await (await t.api('/api/audit?limit=2', { token: alice.token })).json()) as AuditPage;
    expect(audit.items.map((i) => i.type)).toEqual([API_TOKEN_REVOKED, API_TOKEN_CREATED]);
    expect(audit.items[1]?.data).toMatchObject({
      tokenId: token.id,
      name: 'audited',
      scopes: ['tasks:read'],
    });
    expect(JSON.stringify(audit)).not.toContain(token.token.slice(13));
  });

  // Last: moving the clock ends the sessions made before.
  it('are refused (401) once expired, by the pinned clock', async () => {
    const token = await createToken(alice.token, { name: 'short', scopes: ['tasks:read'], expiresInDays: 1 });
    clock.advance(24 * 3600 * 1000 - 1);
    expect((await t.api('/api/tasks', { token: token.token })).status).toBe(200);
    clock.advance(1);
    expect(await problemOf(await t.api('/api/tasks', { token: token.token }))).toMatchObject({
      status: 401,
      detail: 'the API token has expired',
    });
  });
});
