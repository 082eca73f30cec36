import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem, SavedView, SavedViewList, TaskList } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { connect } from '@todo/realtime/testing';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// Saved views over the whole standalone system: named filters stored as events, listed with
// the count of the tasks each matches (in the user's zone, at the pinned clock), isolated per
// user, announced over the realtime channel.

// Thursday 26 November 2026, 23:30 in Paris (22:30 UTC).
const NOW = '2026-11-26T22:30:00.000Z';
let t: TestSystem;
let user: { token: string; userId: string };
let other: { token: string; userId: string };

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function createTask(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('/api/tasks', { method: 'POST', token, json: body });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

async function saveView(token: string, name: string, filter: string, headers: Record<string, string> = {}) {
  return t.api('/api/views', { method: 'POST', token, json: { name, filter }, headers });
}

async function views(token = user.token): Promise<SavedViewList> {
  const res = await t.api('/api/views', { token });
  expect(res.status).toBe(200);
  return json<SavedViewList>(res);
}

let lateReport: string;

beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(NOW) });
  user = await t.signup();
  other = await t.signup();
  await t.db.knex('users').where({ id: user.userId }).update({ timezone: 'Europe/Paris' });
  await createTask(user.token, { title: 'Pay rent', dueAt: '2026-11-26T10:00:00+01:00', priority: 'high' });
  lateReport = await createTask(user.token, { title: 'Late report', dueAt: '2026-11-20T10:00:00+01:00' });
  // Tomorrow in Paris, though still "today" in UTC: not today for this user.
  await createTask(user.token, { title: 'Call mom', dueAt: '2026-11-27T09:00:00+01:00', priority: 'high' });
  await createTask(user.token, { title: 'Someday idea', priority: 'high' });
  await createTask(other.token, { title: 'Not yours', dueAt: '2026-11-20T10:00:00+01:00' });
});
afterAll(async () => t.stop());

describe('saved views', () => {
  let urgent: string;

  it('given "today & p1 | overdue", when saved, then it is listed with the count of its tasks in the user’s zone', async () => {
    const res = await saveView(user.token, 'Urgent', 'today & p1 | overdue');
    expect(res.status).toBe(201);
    const written = await json<{ id: string; version: number }>(res);
    expect(res.headers.get('etag')).toBe(`"${written.version}"`);
    urgent = written.id;
    const list = await views();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: urgent,
        name: 'Urgent',
        filter: 'today & p1 | overdue',
        position: 0,
        count: 2,
        countCapped: false,
      }),
    ]);
    const tasks = await json<TaskList>(await t.api(`/api/views/${urgent}/tasks`, { token: user.token }));
    expect(tasks.items.map((task) => task.title)).toEqual(['Late report', 'Pay rent']);
  });

  it('given a saved view, when a task changes, then its count follows', async () => {
    await createTask(user.token, { title: 'Gym', dueAt: '2026-11-26T18:00:00+01:00', priority: 'high' });
    expect((await views()).items[0]!.count).toBe(3);
    const done = await t.api(`/api/tasks/${lateReport}/complete`, { method: 'POST', token: user.token });
    expect(done.status).toBe(200);
    expect((await views()).items[0]!.count).toBe(2);
  });

  it('given a filter with a syntax error, when saved, then a 400 names the filter and the position', async () => {
    const res = await saveView(user.token, 'Broken', 'today & (p1');
    expect(res.status).toBe(400);
    const problem = await json<Problem>(res);
    expect(problem.errors?.[0]?.field).toBe('filter');
    expect(problem.errors?.[0]?.message).toMatch(/at position 11/);
  });

  it('given names and filters out of bounds, when saved, then 400s name the field', async () => {
    const long = await saveView(user.token, 'x'.repeat(61), 'p1');
    expect(long.status).toBe(400);
    expect((await json<Problem>(long)).errors?.[0]?.field).toBe('name');
    const huge = await saveView(user.token, 'Huge', 'p1 | '.repeat(101) + 'p2');
    expect(huge.status).toBe(400);
    expect((await json<Problem>(huge)).errors?.[0]?.field).toBe('filter');
  });

  it('given an Idempotency-Key, when the create is sent twice, then one view is saved', async () => {
    const headers = { 'idempotency-key': 'save-waiting-once' };
    const first = await saveView(user.token, 'Waiting', '@waiting', headers);
    const again = await saveView(user.token, 'Waiting', '@waiting', headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect((await json<{ id: string }>(again)).id).toBe((await json<{ id: string }>(first)).id);
    expect((await views()).items.map((v) => v.name)).toEqual(['Urgent', 'Waiting']);
  });

  it('given If-Match, when the view has moved on, then 412; with its own version, the rename and new filter are saved', async () => {
    const view = await json<SavedView>(await t.api(`/api/views/${urgent}`, { token: user.token }));
    const stale = await t.api(`/api/views/${urgent}`, {
      method: 'PATCH',
      token: user.token,
      json: { name: 'Now' },
      headers: { 'if-match': `"${view.version - 1}"` },
    });
    expect(stale.status).toBe(412);
    const ok = await t.api(`/api/views/${urgent}`, {
      method: 'PATCH',
      token: user.token,
      json: { name: 'Now', filter: 'p1' },
      headers: { 'if-match': `"${view.version}"` },
    });
    expect(ok.status).toBe(200);
    const now = (await views()).items[0]!;
    // p1 and open: Pay rent, Call mom, Someday idea and Gym.
    expect(now).toMatchObject({ name: 'Now', filter: 'p1', count: 4 });
  });

  it('given two views, when reordered, then they are listed in the new order; an order that leaves one out is a 422', async () => {
    const list = await views();
    const ids = list.items.map((v) => v.id);
    const partial = await t.api('/api/views', {
      method: 'PUT',
      token: user.token,
      json: { order: [ids[1]] },
    });
    expect(partial.status).toBe(422);
    const res = await t.api('/api/views', {
      method: 'PUT',
      token: user.token,
      json: { order: [...ids].reverse() },
      headers: { 'if-match': `"${list.version}"` },
    });
    expect(res.status).toBe(200);
    expect((await views()).items.map((v) => [v.id, v.position])).toEqual([
      [ids[1], 0],
      [ids[0], 1],
    ]);
  });

  it("given another user's view, when read, changed, listed or deleted, then it is a 404 and unchanged", async () => {
    const theirs = (await views()).items[0]!.id;
    expect((await t.api(`/api/views/${theirs}`, { token: other.token })).status).toBe(404);
    expect((await t.api(`/api/views/${theirs}/tasks`, { token: other.token })).status).toBe(404);
    const patch = await t.api(`/api/views/${theirs}`, {
      method: 'PATCH',
      token: other.token,
      json: { name: 'Mine' },
    });
    expect(patch.status).toBe(404);
    expect((await t.api(`/api/views/${theirs}`, { method: 'DELETE', token: other.token })).status).toBe(404);
    expect((await views(other.token)).items).toEqual([]);
    expect((await views()).items.map((v) => v.name)).toEqual(['Waiting', 'Now']);
  });

  it('given a view, when deleted, then it is gone', async () => {
    const waiting = (await views()).items[0]!.id;
    expect((await t.api(`/api/views/${waiting}`, { method: 'DELETE', token: user.token })).status).toBe(204);
    expect((await t.api(`/api/views/${waiting}`, { token: user.token })).status).toBe(404);
    expect((await views()).items.map((v) => v.name)).toEqual(['Now']);
  });

  it('given an open realtime stream, when a view is saved in another tab, then views.changed names it', async () => {
    const socket = await connect(t.url, user.token);
    const res = await saveView(user.token, 'Overdue', 'overdue');
    const { id } = await json<{ id: string }>(res);
    await socket.waitFor((m) => m.some((x) => x.type === 'views.changed'));
    expect(socket.messages.filter((m) => m.type === 'views.changed')).toEqual([
      { type: 'views.changed', position: expect.any(String), viewId: id },
    ]);
    expect(socket.messages.some((m) => m.type === 'task.deleted')).toBe(false);
    await socket.close();
  });
});
