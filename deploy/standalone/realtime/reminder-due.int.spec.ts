import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { connect } from '@todo/realtime/testing';

let ts: TestSystem;
beforeAll(async () => {
  ts = await startTestSystem();
});
afterAll(() => ts.stop());

describe('reminder.due', () => {
  it('a firing reminder sends the changed task, then reminder.due, at consecutive positions', async () => {
    const user = await ts.signup();
    const socket = await connect(ts.url, user.token);
    const at = new Date(Date.now() + 1500).toISOString();
    const res = await ts.api('/api/tasks', {
      method: 'POST',
      token: user.token,
      json: { title: 'stretch', reminders: [{ id: 'r1', at }] },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await socket.waitFor((m) => m.some((x) => x.type === 'reminder.due'), 20_000);

    expect(socket.messages.map((m) => [m.type, m.position])).toEqual([
      ['task.upserted', '2'],
      ['task.upserted', '3'],
      ['reminder.due', '4'],
    ]);
    const due = socket.messages[2]!;
    expect(due).toEqual({
      type: 'reminder.due',
      position: '4',
      taskId: id,
      reminderId: 'r1',
      scheduledFor: at,
      firedAt: expect.any(String),
    });
    const shown = await (await ts.api(`/api/tasks/${id}`, { token: user.token })).json();
    expect(socket.messages[1]).toEqual({ type: 'task.upserted', position: '3', task: shown });

    // Resuming between the two messages of the firing gives only the second.
    const resumed = await connect(ts.url, user.token, '3');
    await resumed.waitFor((m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(resumed.messages).toEqual([due]);
    await Promise.all([socket.close(), resumed.close()]);
  });
});
