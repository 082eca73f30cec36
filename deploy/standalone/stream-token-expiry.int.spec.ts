import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REALTIME_CLOSE_CODES } from '@todo/contracts';
import { connect, waitUntil } from '@todo/realtime/testing';
import { manualTime } from '@todo/sagas/testing';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/**
 * A realtime stream lives no longer than the token it was opened with: once the token has
 * expired (by the system's clock, which the test moves), the WebSocket is closed with 4001
 * and the SSE stream ends, and only a fresh token opens them again. The heartbeat, when
 * expiry is checked, runs on the same time: moving the clock past the expiry is what runs it.
 */
const time = manualTime('2026-12-01T10:00:00.000Z');
let t: TestSystem;
let alice: { token: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: time.clock, timers: time.timers });
  alice = await t.signup();
});
afterAll(async () => {
  await t.stop();
});

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

describe('a realtime stream whose token expires', () => {
  it('is closed (WebSocket 4001, SSE ended) once the token has expired, and a stale token opens nothing', async () => {
    const socket = await connect(t.url, alice.token);
    const sse = await t.api('/api/stream', { token: alice.token });
    expect(sse.status).toBe(200);
    const sseEnded = readToEnd(sse);
    // The hello arrives on both while the token is valid.
    await waitUntil(() => socket.hellos.length === 1, 10_000, 'the hello');

    // The default token lifetime and the clock skew verification allows: the token has just
    // stopped being accepted, by the streams and by every route alike.
    time.advance((3600 + 60) * 1000);

    expect(await socket.closed).toEqual({ code: REALTIME_CLOSE_CODES.tokenExpired, reason: 'token expired' });
    expect(await sseEnded).toContain('"type":"hello"');
    expect((await t.api('/api/realtime/ticket', { method: 'POST', token: alice.token })).status).toBe(401);
    expect((await t.api('/api/stream', { token: alice.token })).status).toBe(401);
  });
});
