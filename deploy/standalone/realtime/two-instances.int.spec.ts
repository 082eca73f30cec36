import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { RunningSystem } from '../system.ts';
import {
  connect,
  openSocket,
  positionsOf,
  strictlyIncreasing,
  appendBulkyFeedRows,
  ticketFor,
} from '@todo/realtime/testing';
import { startSystemOn } from '../../testing/system-on.ts';

let db: TestDatabase;
let a: RunningSystem;
let b: RunningSystem;

beforeAll(async () => {
  db = await createTestDatabase();
  [a, b] = await Promise.all([
    startSystemOn(db.connectionString),
    startSystemOn(db.connectionString, { REALTIME_SAFETY_POLL_MS: '200' }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  await db.drop();
});

async function signup(base: string) {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `two-${Math.random()}@example.com`, password: 'correct horse' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string };
}

const createTask = (base: string, token: string, title: string) =>
  fetch(`${base}/api/tasks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  }).then((r) => expect(r.status).toBe(201));

const titles = (messages: { type: string }[]) =>
  messages.map((m) => (m as { task?: { title: string } }).task?.title ?? m.type);

describe('two realtime instances on one database', () => {
  it('a ticket from one instance opens a socket on the other, once', async () => {
    const user = await signup(a.url);
    const ticket = await ticketFor(a.url, user.token);
    const onB = await openSocket(b.url, `?ticket=${ticket}`);
    await expect(openSocket(a.url, `?ticket=${ticket}`)).rejects.toMatchObject({ status: 401 });
    await onB.close();
  });

  it('every device gets every change whichever instance it is on and wherever the write went', async () => {
    const user = await signup(a.url);
    const other = await signup(b.url);
    const onA = await connect(a.url, user.token);
    const onB = await connect(b.url, user.token);
    const otherOnA = await connect(a.url, other.token);

    await createTask(a.url, user.token, 'written on A');
    await createTask(b.url, user.token, 'written on B');
    await createTask(a.url, user.token, 'again on A');
    await onA.waitFor((m) => m.length >= 3);
    await onB.waitFor((m) => m.length >= 3);
    expect(titles(onA.messages)).toEqual(['written on A', 'written on B', 'again on A']);
    expect(onB.messages).toEqual(onA.messages);
    expect(strictlyIncreasing(positionsOf(onA.messages))).toBe(true);
    expect(otherOnA.messages).toEqual([]);

    // A device drops off A and comes back on B from where it was.
    const seen = onA.messages[0]!.position;
    await onA.close();
    await createTask(b.url, user.token, 'while away');
    const back = await connect(b.url, user.token, seen);
    await back.waitFor((m) => m.length >= 3);
    await onB.waitFor((m) => m.length >= 4);
    expect(titles(back.messages)).toEqual(['written on B', 'again on A', 'while away']);
    expect(back.messages).toEqual(onB.messages.slice(1));
    await Promise.all([back.close(), onB.close(), otherOnA.close()]);
  });

  it('a change whose notification was lost still arrives (safety poll)', async () => {
    const res = await fetch(`${b.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `lost-${Math.random()}@example.com`, password: 'correct horse' }),
    });
    const user = (await res.json()) as { token: string; user: { id: string } };
    const onB = await connect(b.url, user.token);
    await appendBulkyFeedRows(db.knex, user.user.id, 2, 10, false);
    await onB.waitFor((m) => m.length >= 2, 3000);
    expect(onB.messages.map((m) => m.position)).toEqual(['2', '4']);
    await onB.close();
  });
});
