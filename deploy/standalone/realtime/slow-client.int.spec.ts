import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { Socket } from 'node:net';
import type { RunningSystem } from '../system.ts';
import { appendBulkyFeedRows, connect } from '@todo/realtime/testing';
import { manualTime, until } from '@todo/sagas/testing';
import { startSystemOn } from '../../testing/system-on.ts';

// The slow client's drain timeout runs on time the test moves: it is over when the test says,
// not after a real second, so the case does not race the machine's clock or its load. The
// system's sagas sleep on the same timers; no loop of theirs sleeps for this odd length.
const DRAIN_TIMEOUT_MS = 1234;
const time = manualTime('2027-02-28T10:30:00Z');
// The heartbeat runs on time of its own system's, which the test moves a beat at a time.
const HEARTBEAT_MS = 150;
const beatTime = manualTime('2027-02-28T10:30:00Z');

let db: TestDatabase;
let system: RunningSystem;
let beating: RunningSystem;

async function signup(base: string) {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `slow-${Math.random()}@example.com`, password: 'correct horse' }),
  });
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  system = await startSystemOn(
    db.connectionString,
    {
      REALTIME_MAX_BUFFERED_BYTES: String(256 * 1024),
      REALTIME_DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
    },
    { clock: time.clock, timers: time.timers },
  );
  beating = await startSystemOn(
    db.connectionString,
    { REALTIME_HEARTBEAT_MS: String(HEARTBEAT_MS) },
    { clock: beatTime.clock, timers: beatTime.timers },
  );
});
afterAll(async () => {
  await beating.stop();
  await system.stop();
  await db.drop();
});

const rawSocket = (ws: unknown) => (ws as { _socket: Socket })._socket;

/**
 * One heartbeat of the beating system, seen from a client that answers: the server pings it,
 * ws answers with a pong before it emits 'ping', and the pong of the client's own ping after
 * it proves the server has read that answer (it reads a connection's frames in order).
 */
async function beat(client: Awaited<ReturnType<typeof connect>>) {
  const pinged = new Promise((resolve) => client.ws.once('ping', resolve));
  beatTime.advance(HEARTBEAT_MS);
  await pinged;
  await new Promise((resolve) => {
    client.ws.once('pong', resolve);
    client.ws.ping();
  });
}

describe('slow and dead clients', () => {
  it('a client that stops reading gets resync and is closed; the others are not held up', async () => {
    const alice = await signup(system.url);
    const bob = await signup(system.url);
    const fast = await connect(system.url, alice.token);
    const slow = await connect(system.url, alice.token);
    const other = await connect(system.url, bob.token);
    rawSocket(slow.ws).pause();

    // 10 MB at a time for alice until the paused client's stream waits for it to drain:
    // loopback sockets may buffer tens of MB in the kernel before the 256 KiB bound is reached.
    // Once the fast client has every row, only the paused one can still be waiting.
    const drainDeadline = new Date(time.now().getTime() + DRAIN_TIMEOUT_MS);
    let rows = 0;
    while (time.sleepersUntil(drainDeadline) === 0 && rows < 10_000) {
      await appendBulkyFeedRows(db.knex, alice.userId, 1000, 10_000);
      rows += 1000;
      await fast.waitFor((m) => m.length >= rows, 30_000);
    }
    expect(time.sleepersUntil(drainDeadline)).toBe(1);
    expect(system.app.realtime.stats().resyncs['slow-consumer']).toBe(0); // it waits
    time.advance(DRAIN_TIMEOUT_MS - 1);
    await new Promise((r) => setTimeout(r, 100)); // a few looks at the buffer: still waiting
    expect(system.app.realtime.stats().resyncs['slow-consumer']).toBe(0);
    time.advance(1); // the drain timeout is over
    await until(async () => system.app.realtime.stats().resyncs['slow-consumer'] === 1);
    expect(system.app.realtime.stats().resyncs['slow-consumer']).toBe(1);
    expect(fast.messages.at(-1)).toMatchObject({ position: String(2 * rows) });

    // Meanwhile bob's changes flow as usual.
    await fetch(`${system.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'not blocked' }),
    });
    await other.waitFor((m) => m.length === 1);

    rawSocket(slow.ws).resume();
    const closed = await slow.closed;
    expect(closed).toEqual({ code: 4000, reason: 'resync' });
    const last = slow.messages.at(-1)!;
    expect(last).toEqual({ type: 'resync', reason: 'slow-consumer', position: expect.any(String) });
    const received = slow.messages.slice(0, -1);
    expect(received.length).toBeLessThan(rows);
    // What it did get is an unbroken prefix of the stream.
    expect(received).toEqual(fast.messages.slice(0, received.length));

    // Resuming from there replays the rest at the client's pace, no gap, no duplicate.
    const resumed = await connect(system.url, alice.token, received.at(-1)?.position ?? '0');
    await resumed.waitFor((m) => m.length >= rows - received.length, 30_000);
    expect(resumed.messages).toEqual(fast.messages.slice(received.length));
    await Promise.all([fast.close(), resumed.close(), other.close()]);
  }, 60_000);

  it('a connection that stops answering pings is dropped', async () => {
    const carol = await signup(beating.url);
    const dead = await connect(beating.url, carol.token);
    const alive = await connect(beating.url, carol.token);
    rawSocket(dead.ws).pause();
    expect(beating.app.realtime.stats().webSockets).toBe(2);
    await beat(alive); // both pinged; only the answering one has answered
    expect(beating.app.realtime.stats().webSockets).toBe(2);
    await beat(alive); // the next beat cuts the one that did not
    await until(async () => beating.app.realtime.stats().webSockets === 1);
    // Cleaned up on the server without any help from the client.
    expect(beating.app.realtime.stats().webSockets).toBe(1);
    rawSocket(dead.ws).resume();
    const closed = await dead.closed;
    expect(closed.code).toBe(1006);
    // The answering one stays open through several heartbeats.
    for (let i = 0; i < 3; i++) await beat(alive);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    expect(beating.app.realtime.stats().webSockets).toBe(1);
    await alive.close();
  });
});
