import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RealtimeMessage } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { PostgresChangeFeed } from '@todo/realtime';
import { connect, waitUntil } from '@todo/realtime/testing';

let ts: TestSystem;
beforeAll(async () => {
  ts = await startTestSystem();
});
afterAll(async () => {
  await ts.stop();
});

async function createTask(token: string, title: string): Promise<void> {
  const res = await ts.api('/api/tasks', { method: 'POST', token, json: { title } });
  expect(res.status).toBe(201);
}

/**
 * While the handshake is done and the stream not yet started, `title` is written and the
 * projection has put it in the feed: the moment a position-less stream used to miss.
 */
function writeAfterHandshakeOf(userId: string, token: string, title: string): Promise<void> {
  const feed = new PostgresChangeFeed(ts.db.knex);
  let done = false;
  return new Promise((written) =>
    ts.system.app.realtime.afterHandshake(async (id) => {
      if (id !== userId || done) return;
      done = true;
      await createTask(token, title);
      const deadline = Date.now() + 10_000;
      while ((await feed.bounds(userId)).lastSeq < 1n) {
        if (Date.now() > deadline) throw new Error('the projection never wrote the feed row');
        await new Promise((r) => setTimeout(r, 10));
      }
      written();
    }),
  );
}

const titles = (messages: RealtimeMessage[]) =>
  messages.flatMap((m) => (m.type === 'task.upserted' ? [m.task.title] : []));

describe('a stream opened without a position', () => {
  it('WebSocket: starts where it was at the handshake, says so in hello, and sends a change made before it started', async () => {
    const user = await ts.signup();
    const written = writeAfterHandshakeOf(user.userId, user.token, 'between');
    const socket = await connect(ts.url, user.token);
    await written;
    await createTask(user.token, 'after');
    await socket.waitFor((m) => titles(m).includes('after'));
    expect(titles(socket.messages)).toEqual(['between', 'after']);
    expect(socket.messages.map((m) => m.position)).toEqual(['2', '4']);
    expect(socket.hellos).toEqual([{ type: 'hello', position: '0' }]);
    await socket.close();
  });

  it('SSE: the hello (id = start) comes before the change made before the stream started', async () => {
    const user = await ts.signup();
    void writeAfterHandshakeOf(user.userId, user.token, 'between');
    const controller = new AbortController();
    const res = await fetch(`${ts.url}/api/stream`, {
      headers: { authorization: `Bearer ${user.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    await waitUntil(() => text.includes('"between"'), 10_000, 'the change made between');
    controller.abort();
    await reading;
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map(
        (block) =>
          `${/^id: (.*)$/m.exec(block)?.[1]} ${(JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as RealtimeMessage).type}`,
      );
    expect(events).toEqual(['0 hello', '2 task.upserted']);
  });
});
