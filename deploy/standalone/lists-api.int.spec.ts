import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { History, ListList, ListView, TaskList, TaskView } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

let t: TestSystem;
let alice: { token: string };
let bob: { token: string };

beforeAll(async () => {
  t = await startTestSystem();
  alice = await t.signup();
  bob = await t.signup();
});
afterAll(async () => t.stop());

const json = async <T>(res: Response) => (await res.json()) as T;
const newList = async (
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) => {
  const res = await t.api('/api/lists', { method: 'POST', token, json: body, headers });
  expect(res.status).toBe(201);
  return json<{ id: string; version: number }>(res);
};
const newTask = async (token: string, body: Record<string, unknown>) => {
  const res = await t.api('/api/tasks', { method: 'POST', token, json: body });
  expect(res.status).toBe(201);
  return json<{ id: string; version: number }>(res);
};
const getList = async (token: string, id: string) => t.api(`/api/lists/${id}`, { token });
const getTask = async (token: string, id: string) =>
  json<TaskView>(await t.api(`/api/tasks/${id}`, { token }));
const problem = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return json<{ detail: string; errors?: { field: string }[] }>(res);
};

describe('lists over HTTP', () => {
  it('creates a list with defaults and shows it right away, in the user’s order', async () => {
    const second = await newList(alice.token, { name: ' Work ', colour: '#db4035', order: 2 });
    const first = await newList(alice.token, { name: 'Home', order: 1 });
    const res = await getList(alice.token, second.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await json<ListView>(res)).toMatchObject({
      id: second.id,
      name: 'Work',
      colour: '#db4035',
      order: 2,
      archived: false,
      version: 1,
    });
    const all = await json<ListList>(await t.api('/api/lists', { token: alice.token }));
    expect(all.items.map((l) => l.id)).toEqual([first.id, second.id]);
    expect(all.items[0]!.colour).toBe('#808080');
  });

  it('renames, recolours, reorders and archives with If-Match; a stale version is a 412', async () => {
    const { id } = await newList(alice.token, { name: 'Errands' });
    const ok = await t.api(`/api/lists/${id}`, {
      method: 'PATCH',
      token: alice.token,
      headers: { 'if-match': '"1"' },
      json: { name: 'Shopping', colour: '#14aaf5', order: 7 },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ id, version: 4 });
    const stale = await t.api(`/api/lists/${id}`, {
      method: 'PATCH',
      token: alice.token,
      headers: { 'if-match': '"1"' },
      json: { archived: true },
    });
    expect(stale.status).toBe(412);
    const archive = await t.api(`/api/lists/${id}`, {
      method: 'PATCH',
      token: alice.token,
      json: { archived: true },
    });
    expect(archive.status).toBe(200);
    expect(await json<ListView>(await getList(alice.token, id))).toMatchObject({
      name: 'Shopping',
      colour: '#14aaf5',
      order: 7,
      archived: true,
      version: 5,
    });
    const active = await json<ListList>(await t.api('/api/lists', { token: alice.token }));
    expect(active.items.map((l) => l.id)).not.toContain(id);
    const withArchived = await json<ListList>(
      await t.api('/api/lists?archived=true', { token: alice.token }),
    );
    expect(withArchived.items.map((l) => l.id)).toContain(id);
    const history = await json<History>(await t.api(`/api/audit?limit=5`, { token: alice.token }));
    expect(history.items.map((e) => e.type).slice(0, 4)).toEqual([
      'todo.list.archived.v1',
      'todo.list.reordered.v1',
      'todo.list.recoloured.v1',
      'todo.list.renamed.v1',
    ]);
  });

  it('creates once per Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'list-once-1' };
    const a = await newList(alice.token, { name: 'Once' }, headers);
    const b = await newList(alice.token, { name: 'Once' }, headers);
    expect(b).toEqual(a);
    const all = await json<ListList>(await t.api('/api/lists', { token: alice.token }));
    expect(all.items.filter((l) => l.name === 'Once')).toHaveLength(1);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'a#b' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'ok', colour: 'red' }, 'colour'],
      [{ name: 'ok', order: -1 }, 'order'],
    ] as const) {
      const res = await t.api('/api/lists', { method: 'POST', token: alice.token, json: body });
      expect(res.status).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.field)).toContain(field);
    }
  });

  it('files a task into a list on create and by update, and lists a list’s tasks', async () => {
    const { id: listId } = await newList(alice.token, { name: 'Garden' });
    const a = await newTask(alice.token, { title: 'Prune roses', listId });
    const b = await newTask(alice.token, { title: 'Buy seeds' });
    expect((await getTask(alice.token, a.id)).listId).toBe(listId);
    expect((await getTask(alice.token, b.id)).listId).toBeNull();
    const moved = await t.api(`/api/tasks/${b.id}`, {
      method: 'PATCH',
      token: alice.token,
      json: { listId },
    });
    expect(moved.status).toBe(200);
    const inList = await json<TaskList>(await t.api(`/api/tasks?list=${listId}`, { token: alice.token }));
    expect(inList.items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    const inbox = await json<TaskList>(
      await t.api('/api/tasks?list=inbox&limit=200', { token: alice.token }),
    );
    expect(inbox.items.map((x) => x.id)).not.toContain(a.id);
    const back = await t.api(`/api/tasks/${b.id}`, {
      method: 'PATCH',
      token: alice.token,
      json: { listId: null },
    });
    expect(back.status).toBe(200);
    expect((await getTask(alice.token, b.id)).listId).toBeNull();
  });

  it('refuses a task in another user’s list, a deleted list or no list at all, naming listId', async () => {
    const { id: bobs } = await newList(bob.token, { name: 'Bob’s' });
    const { id: gone } = await newList(alice.token, { name: 'Gone' });
    expect((await t.api(`/api/lists/${gone}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    const { id: taskId } = await newTask(alice.token, { title: 'Somewhere' });
    for (const listId of [bobs, gone, taskId]) {
      const create = await t.api('/api/tasks', {
        method: 'POST',
        token: alice.token,
        json: { title: 'x', listId },
      });
      expect(create.status).toBe(422);
      expect((await problem(create)).errors?.map((e) => e.field)).toEqual(['listId']);
      const move = await t.api(`/api/tasks/${taskId}`, {
        method: 'PATCH',
        token: alice.token,
        json: { listId },
      });
      expect(move.status).toBe(422);
      expect((await problem(move)).errors?.map((e) => e.field)).toEqual(['listId']);
    }
  });

  it('deletes a list and moves its tasks (open and completed) to the Inbox, each in its own history', async () => {
    const { id: listId } = await newList(alice.token, { name: 'Trip' });
    const open = await newTask(alice.token, { title: 'Pack', listId });
    const done = await newTask(alice.token, { title: 'Book hotel', listId });
    expect(
      (await t.api(`/api/tasks/${done.id}/complete`, { method: 'POST', token: alice.token })).status,
    ).toBe(200);
    const res = await t.api(`/api/lists/${listId}`, { method: 'DELETE', token: alice.token });
    expect(res.status).toBe(204);
    expect((await getList(alice.token, listId)).status).toBe(404);
    for (const id of [open.id, done.id]) {
      const task = await getTask(alice.token, id);
      expect(task.listId).toBeNull();
      const history = await json<History>(await t.api(`/api/tasks/${id}/history`, { token: alice.token }));
      const last = history.items.at(-1)!;
      expect(last.type).toBe('todo.task.updated.v1');
      expect(last.data).toEqual({ changes: { listId: null } });
      expect(last.causationId).not.toBeNull();
    }
    expect((await getTask(alice.token, done.id)).status).toBe('completed');
    // Deleting again finds nothing left to do.
    expect((await t.api(`/api/lists/${listId}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
  });

  it('deletes a list with its tasks when asked to (?tasks=delete)', async () => {
    const { id: listId } = await newList(alice.token, { name: 'Old project' });
    const a = await newTask(alice.token, { title: 'Draft', listId });
    const keep = await newTask(alice.token, { title: 'Not in it' });
    const res = await t.api(`/api/lists/${listId}?tasks=delete`, { method: 'DELETE', token: alice.token });
    expect(res.status).toBe(204);
    expect((await t.api(`/api/tasks/${a.id}`, { token: alice.token })).status).toBe(404);
    const history = await json<History>(await t.api(`/api/tasks/${a.id}/history`, { token: alice.token }));
    expect(history.items.at(-1)!.type).toBe('todo.task.deleted.v1');
    expect((await t.api(`/api/tasks/${keep.id}`, { token: alice.token })).status).toBe(200);
    const bad = await t.api(`/api/lists/${listId}?tasks=everything`, {
      method: 'DELETE',
      token: alice.token,
    });
    expect(bad.status).toBe(400);
  });

  it('answers 404 for another user’s list on every route, and changes nothing', async () => {
    const { id } = await newList(alice.token, { name: 'Private' });
    const inIt = await newTask(alice.token, { title: 'Secret', listId: id });
    expect((await getList(bob.token, id)).status).toBe(404);
    const patch = await t.api(`/api/lists/${id}`, {
      method: 'PATCH',
      token: bob.token,
      json: { name: 'Mine' },
    });
    expect(patch.status).toBe(404);
    const patchIfMatch = await t.api(`/api/lists/${id}`, {
      method: 'PATCH',
      token: bob.token,
      headers: { 'if-match': '"1"' },
      json: { name: 'Mine' },
    });
    expect(patchIfMatch.status).toBe(404);
    for (const query of ['', '?tasks=delete']) {
      const del = await t.api(`/api/lists/${id}${query}`, { method: 'DELETE', token: bob.token });
      expect(del.status).toBe(404);
    }
    const bobsLists = await json<ListList>(await t.api('/api/lists?archived=true', { token: bob.token }));
    expect(bobsLists.items.map((l) => l.id)).not.toContain(id);
    const bobsTasks = await json<TaskList>(await t.api(`/api/tasks?list=${id}`, { token: bob.token }));
    expect(bobsTasks.items).toEqual([]);
    expect(await json<ListView>(await getList(alice.token, id))).toMatchObject({
      name: 'Private',
      version: 1,
    });
    expect((await getTask(alice.token, inIt.id)).listId).toBe(id);
  });
});
