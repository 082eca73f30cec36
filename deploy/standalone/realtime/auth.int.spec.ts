import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { connect, openSocket, ticketFor } from '@todo/realtime/testing';

let ts: TestSystem;
let user: { token: string; userId: string };

beforeAll(async () => {
  ts = await startTestSystem();
  user = await ts.signup();
});
afterAll(() => ts.stop());

/** The HTTP status a refused upgrade answered with, and its problem body. */
async function refusal(
  query: string,
  path = '/ws',
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const socket = await openSocket(ts.url, query, path);
    await socket.close();
    throw new Error('the upgrade was accepted');
  } catch (error) {
    const e = error as { status?: number; body?: string };
    if (e.status === undefined) throw error;
    return { status: e.status, body: JSON.parse(e.body ?? '{}') as Record<string, unknown> };
  }
}

describe('realtime authentication', () => {
  it('issues tickets only with a valid bearer token', async () => {
    expect((await ts.api('/api/realtime/ticket', { method: 'POST' })).status).toBe(401);
    const bad = await ts.api('/api/realtime/ticket', { method: 'POST', token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const ok = await ts.api('/api/realtime/ticket', { method: 'POST', token: user.token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ticket: expect.stringMatching(/^[\w-]{40,}$/), expiresInSeconds: 30 });
  });

  it('refuses the upgrade with 401 for a missing, unknown, reused or expired ticket', async () => {
    expect(await refusal('')).toMatchObject({ status: 401, body: { status: 401, title: 'Unauthorized' } });
    expect((await refusal('?ticket=')).status).toBe(401);
    expect((await refusal('?ticket=made-up-ticket-made-up-ticket-00')).status).toBe(401);
    expect((await refusal('?ticket=%00%01<script>')).status).toBe(401);

    const ticket = await ticketFor(ts.url, user.token);
    const first = await openSocket(ts.url, `?ticket=${ticket}`);
    await first.close();
    expect((await refusal(`?ticket=${ticket}`)).status).toBe(401);

    const stale = await ticketFor(ts.url, user.token);
    await ts.db
      .knex('realtime_tickets')
      .update({ expires_at: ts.db.knex.raw("now() - interval '1 second'") });
    expect((await refusal(`?ticket=${stale}`)).status).toBe(401);
  });

  it('refuses a malformed position with 400 (keeping the ticket) and unknown paths with 404', async () => {
    const ticket = await ticketFor(ts.url, user.token);
    expect(await refusal(`?ticket=${ticket}&after=-1`)).toMatchObject({ status: 400 });
    expect((await refusal(`?ticket=${ticket}&after=12abc`)).status).toBe(400);
    const socket = await openSocket(ts.url, `?ticket=${ticket}&after=0`);
    await socket.close();
    expect((await refusal(`?ticket=${await ticketFor(ts.url, user.token)}`, '/websocket')).status).toBe(404);
  });

  it('SSE: 401 without or with a bad token, 400 for a malformed Last-Event-ID', async () => {
    const none = await ts.api('/api/stream');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await ts.api('/api/stream', { token: 'nope' })).status).toBe(401);
    const expiredLooking = user.token.slice(0, -4) + 'AAAA';
    expect((await ts.api('/api/stream', { token: expiredLooking })).status).toBe(401);
    const bad = await ts.api('/api/stream', { token: user.token, headers: { 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'Last-Event-ID' }] });
  });

  it('keeps serving after every refusal', async () => {
    const socket = await connect(ts.url, user.token);
    await ts.api('/api/tasks', { method: 'POST', token: user.token, json: { title: 'still alive' } });
    await socket.waitFor((m) => m.length === 1);
    expect(socket.messages[0]).toMatchObject({ type: 'task.upserted', task: { title: 'still alive' } });
    await socket.close();
  });
});
