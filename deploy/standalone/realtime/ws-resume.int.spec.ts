import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RealtimeMessage } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import type { RunningSystem } from '../system.ts';
import { PostgresChangeFeed } from '@todo/realtime';
import { connect, positionsOf, strictlyIncreasing } from '@todo/realtime/testing';
import { startSystemOn } from '../../testing/system-on.ts';

let ts: TestSystem;
let restarted: RunningSystem | null = null;

beforeAll(async () => {
  ts = await startTestSystem();
});
afterAll(async () => {
  await restarted?.stop();
  await ts.stop();
});

const api = (base: string, path: string, token: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(base + path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });

let counter = 0;
async function signupOn(base: string): Promise<{ token: string }> {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `rt${++counter}-${Date.now()}@example.com`, password: 'correct horse' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string };
}

async function createTask(base: string, token: string, title: string): Promise<string> {
  const res = await api(base, '/api/tasks', token, { method: 'POST', json: { title } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const summary = (m: RealtimeMessage) =>
  m.type === 'task.upserted'
    ? `${m.type}:${m.task.title}:${m.task.status}`
    : m.type === 'task.deleted'
      ? m.type
      : m.type;

describe('WebSocket stream: order, fan-out, isolation and resume', () => {
  it('sends each change once, in order, to every device of its user and to no one else', async () => {
    const alice = await ts.signup();
    const bob = await ts.signup();
    const phone = await connect(ts.url, alice.token);
    const laptop = await connect(ts.url, alice.token);
    const bobs = await connect(ts.url, bob.token);

    const a = await createTask(ts.url, alice.token, 'buy milk');
    await createTask(ts.url, alice.token, 'call mum');
    expect((await api(ts.url, `/api/tasks/${a}/complete`, alice.token, { method: 'POST' })).status).toBe(200);
    expect((await api(ts.url, `/api/tasks/${a}`, alice.token, { method: 'DELETE' })).status).toBeLessThan(
      300,
    );
    await phone.waitFor((m) => m.length >= 4);
    await laptop.waitFor((m) => m.length >= 4);

    expect(phone.messages.map(summary)).toEqual([
      'task.upserted:buy milk:open',
      'task.upserted:call mum:open',
      'task.upserted:buy milk:completed',
      'task.deleted',
    ]);
    expect(laptop.messages).toEqual(phone.messages);
    expect(strictlyIncreasing(positionsOf(phone.messages))).toBe(true);
    expect(phone.messages[3]).toMatchObject({ type: 'task.deleted', taskId: a });

    // The task in a message is the task as the query API shows it.
    const second = phone.messages[1]!;
    if (second.type !== 'task.upserted') throw new Error('expected an upsert');
    const shown = await (await api(ts.url, `/api/tasks/${second.task.id}`, alice.token)).json();
    expect(second.task).toEqual(shown);

    const bobTask = await createTask(ts.url, bob.token, 'bob only');
    await bobs.waitFor((m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(bobs.messages).toHaveLength(1);
    expect(bobs.messages[0]).toMatchObject({
      type: 'task.upserted',
      task: { id: bobTask, title: 'bob only' },
    });
    expect(phone.messages).toHaveLength(4);
    await Promise.all([phone.close(), laptop.close(), bobs.close()]);
  });

  it('resumes after any position with no gap and no duplicate, also after a restart', async () => {
    const carol = await ts.signup();
    const live = await connect(ts.url, carol.token);
    for (let i = 1; i <= 6; i++) await createTask(ts.url, carol.token, `task ${i}`);
    await live.waitFor((m) => m.length >= 6);
    const all = live.messages.slice();

    for (const k of [0, 1, 3, 5]) {
      const resumed = await connect(ts.url, carol.token, all[k]!.position);
      await resumed.waitFor((m) => m.length >= 5 - k);
      await new Promise((r) => setTimeout(r, 100));
      expect(resumed.messages).toEqual(all.slice(k + 1));
      await resumed.close();
    }
    await live.close();

    // Restart: the whole process goes away (open streams are closed, not waited for);
    // a new one on the same database resumes.
    const open = await connect(ts.url, carol.token);
    const sse = await fetch(`${ts.url}/api/stream`, { headers: { authorization: `Bearer ${carol.token}` } });
    const sseText = sse.text();
    // The client keeps both open. A stop that waited for them would end only by its cut
    // (closeAllConnections after a grace period), which destroys the sockets: the WebSocket
    // would report 1006 and the SSE body would fail. A goodbye on each proves the server
    // closed them itself, without waiting for the client.
    await ts.system.stop();
    expect(await open.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(await sseText).toBe('retry: 2000\n\nid: 12\ndata: {"type":"hello","position":"12"}\n\n');
    restarted = await startSystemOn(ts.db.connectionString);
    const base = restarted.url;
    const afterRestart = await connect(base, carol.token, all[2]!.position);
    await afterRestart.waitFor((m) => m.length >= 3);
    await createTask(base, carol.token, 'task 7');
    await afterRestart.waitFor((m) => m.length >= 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(afterRestart.messages.slice(0, 3)).toEqual(all.slice(3));
    expect(afterRestart.messages.map(summary)).toEqual([
      'task.upserted:task 4:open',
      'task.upserted:task 5:open',
      'task.upserted:task 6:open',
      'task.upserted:task 7:open',
    ]);
    expect(strictlyIncreasing(positionsOf(afterRestart.messages))).toBe(true);
    await afterRestart.close();
  });

  it('asks for a resync when the position is pruned or unknown, and resumes from the end after one', async () => {
    const base = restarted?.url ?? ts.url;
    const dave = await signupOn(base);
    const first = await connect(base, dave.token);
    await createTask(base, dave.token, 'old 1');
    await createTask(base, dave.token, 'old 2');
    await first.waitFor((m) => m.length >= 2);
    await first.close();

    // Ahead of the log but a position one could have (beyond any bigint slot is a 400).
    const unknown = await connect(base, dave.token, '999999999999999999');
    expect(await unknown.closed).toEqual({ code: 4000, reason: 'resync' });
    expect(unknown.messages).toEqual([{ type: 'resync', reason: 'unknown-position', position: '4' }]);

    // Everything older than "now" goes: the first position can no longer be resumed.
    const feed = new PostgresChangeFeed(ts.db.knex);
    expect(await feed.pruneOlderThan(0, 1000)).toBeGreaterThanOrEqual(2);
    const tooOld = await connect(base, dave.token, first.messages[0]!.position);
    expect(await tooOld.closed).toMatchObject({ code: 4000 });
    expect(tooOld.messages).toEqual([{ type: 'resync', reason: 'position-too-old', position: '4' }]);

    // The resync position is a good place to continue from after reloading.
    const again = await connect(base, dave.token, tooOld.messages[0]!.position);
    await createTask(base, dave.token, 'new 3');
    await again.waitFor((m) => m.length >= 1);
    expect(again.messages.map(summary)).toEqual(['task.upserted:new 3:open']);
    expect(again.messages[0]!.position).toBe('6');
    await again.close();
  });

  it('SSE: same messages, position as id, resume with Last-Event-ID', async () => {
    const base = restarted?.url ?? ts.url;
    const erin = await signupOn(base);
    for (let i = 1; i <= 3; i++) await createTask(base, erin.token, `sse ${i}`);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/stream`, {
      headers: { authorization: `Bearer ${erin.token}`, 'last-event-id': '2' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while ((text.match(/data: /g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended after: ${text}`);
      text += decoder.decode(value);
    }
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => ({
        id: /^id: (.*)$/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as RealtimeMessage,
      }));
    expect(events.map((e) => e.id)).toEqual(['2', '4', '6']);
    expect(events.map((e) => summary(e.data))).toEqual([
      'hello',
      'task.upserted:sse 2:open',
      'task.upserted:sse 3:open',
    ]);
    expect(events.every((e) => e.data.position === e.id)).toBe(true);
    controller.abort();
  });
});
