import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REALTIME_CLOSE_CODES, type CreatedApiToken } from '@todo/contracts';
import { defaultRealtimeOptions } from '@todo/realtime';
import { connect, waitUntil } from '@todo/realtime/testing';
import { manualTime } from '@todo/sagas/testing';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/**
 * A realtime stream opened with an API token lives no longer than the token: revoked, its
 * WebSocket is closed (4001 "token revoked") and its SSE stream ended at the next heartbeat;
 * expired (by the system's clock, which the test moves), the same. Streams of a session, or
 * of another token, stay open. The heartbeat, when tokens are checked, runs on the test's
 * time: it beats when the test moves the time one heartbeat on (a missed pong is a cut, so
 * no beat comes that the clients had no chance to answer).
 */
const time = manualTime('2026-12-01T10:00:00.000Z');
const HEARTBEAT_MS = defaultRealtimeOptions.heartbeatMs;
let t: TestSystem;
let alice: { token: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: time.clock, timers: time.timers });
  alice = await t.signup();
});
afterAll(async () => {
  await t.stop();
});

async function createToken(expiresInDays?: number): Promise<CreatedApiToken> {
  const res = await t.api('/api/tokens', {
    method: 'POST',
    token: alice.token,
    json: { name: 'streams', scopes: ['tasks:read'], ...(expiresInDays ? { expiresInDays } : {}) },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedApiToken;
}

/** Reads an SSE response to its end; resolves with what it carried. */
async function readToEnd(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

describe('realtime streams opened with an API token', () => {
  it('end once the token is revoked, while those of the session and of another token go on', async () => {
    const revoked = await createToken();
    const kept = await createToken();
    const socket = await connect(t.url, revoked.token);
    const sse = await t.api('/api/stream', { token: revoked.token });
    expect(sse.status).toBe(200);
    const sseEnded = readToEnd(sse);
    const sessionSocket = await connect(t.url, alice.token);
    const keptSocket = await connect(t.url, kept.token);
    await waitUntil(() => socket.hellos.length === 1, 10_000, 'the hello');

    expect((await t.api(`/api/tokens/${revoked.id}`, { method: 'DELETE', token: alice.token })).status).toBe(
      204,
    );
    time.advance(HEARTBEAT_MS);

    expect(await socket.closed).toEqual({ code: REALTIME_CLOSE_CODES.tokenExpired, reason: 'token revoked' });
    expect(await sseEnded).toContain('"type":"hello"');
    // Still open, and still told of changes.
    const res = await t.api('/api/tasks', { method: 'POST', token: alice.token, json: { title: 'After' } });
    const { id } = (await res.json()) as { id: string };
    for (const open of [sessionSocket, keptSocket]) {
      await open.waitFor((messages) => messages.some((m) => m.type === 'task.upserted' && m.task.id === id));
      await open.close();
    }
  });

  it('end once the token has expired, by the pinned clock', async () => {
    const token = await createToken(1);
    const socket = await connect(t.url, token.token);
    const sse = await t.api('/api/stream', { token: token.token });
    const sseEnded = readToEnd(sse);
    await waitUntil(() => socket.hellos.length === 1, 10_000, 'the hello');

    time.advance(24 * 3600 * 1000);

    expect(await socket.closed).toEqual({ code: REALTIME_CLOSE_CODES.tokenExpired, reason: 'token expired' });
    expect(await sseEnded).toContain('"type":"hello"');
    expect((await t.api('/api/realtime/ticket', { method: 'POST', token: token.token })).status).toBe(401);
  });
});
