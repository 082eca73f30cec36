import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, History, TaskList, TaskView } from '@todo/contracts';
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
const create = async (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await t.api('/api/tasks', { method: 'POST', token, json: body, headers });
  expect(res.status).toBe(201);
  return json<{ id: string; version: number }>(res);
};
const problemFields = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await json<{ errors?: { field: string }[] }>(res);
  return (body.errors ?? []).map((e) => e.field);
};

describe('tasks over HTTP', () => {
  it('creates a task and shows it right away (read-your-writes), normalised', async () => {
    const { id, version } = await create(alice.token, {
      title: '  Pay rent ',
      dueAt: '2026-12-01T09:00:00+01:00',
      timezone: 'Europe/Paris',
      tags: ['Home', 'home', 'Bills'],
      priority: 'high',
      recurrence: { rrule: 'freq=monthly;bymonthday=1' },
      reminders: [{ minutesBefore: 30 }, { at: '2026-11-30T18:00:00Z' }],
    });
    expect(version).toBe(1);
    const res = await t.api(`/api/tasks/${id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    const task = await json<TaskView>(res);
    expect(task).toMatchObject({
      id,
      title: 'Pay rent',
      tags: ['home', 'bills'],
      dueAt: '2026-12-01T08:00:00.000Z',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
      status: 'open',
      seriesId: id,
      version: 1,
    });
    expect(task.reminders).toHaveLength(2);
    expect(task.reminders.every((r) => typeof r.id === 'string')).toBe(true);
  });

  it('updates with If-Match, and answers 412 once the task has moved on', async () => {
    const { id } = await create(alice.token, { title: 'Write report' });
    const ok = await t.api(`/api/tasks/${id}`, {
      method: 'PATCH',
      token: alice.token,
      headers: { 'if-match': '"1"' },
      json: { priority: 'medium', description: 'Q3 numbers' },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ id, version: 2 });
    const stale = await t.api(`/api/tasks/${id}`, {
      method: 'PATCH',
      token: alice.token,
      headers: { 'if-match': '"1"' },
      json: { title: 'Lost update' },
    });
    expect(stale.status).toBe(412);
    const task = await json<TaskView>(await t.api(`/api/tasks/${id}`, { token: alice.token }));
    expect(task).toMatchObject({
      title: 'Write report',
      priority: 'medium',
      description: 'Q3 numbers',
      version: 2,
    });
  });

  it('completes, reopens and deletes, with the rules of the decider', async () => {
    const { id } = await create(alice.token, { title: 'Call mum' });
    const done = await t.api(`/api/tasks/${id}/complete`, { method: 'POST', token: alice.token });
    expect(await json(done)).toEqual({ id, version: 2 });
    expect((await t.api(`/api/tasks/${id}/complete`, { method: 'POST', token: alice.token })).status).toBe(
      409,
    );
    const shown = await json<TaskView>(await t.api(`/api/tasks/${id}`, { token: alice.token }));
    expect(shown.status).toBe('completed');
    expect(shown.completedAt).not.toBeNull();
    expect((await t.api(`/api/tasks/${id}/reopen`, { method: 'POST', token: alice.token })).status).toBe(200);
    expect((await t.api(`/api/tasks/${id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    expect((await t.api(`/api/tasks/${id}`, { token: alice.token })).status).toBe(404);
    expect((await t.api(`/api/tasks/${id}`, { method: 'DELETE', token: alice.token })).status).toBe(404);
    const history = await json<History>(await t.api(`/api/tasks/${id}/history`, { token: alice.token }));
    expect(history.items.map((e) => e.type)).toEqual([
      'todo.task.created.v1',
      'todo.task.completed.v1',
      'todo.task.reopened.v1',
      'todo.task.deleted.v1',
    ]);
  });

  it("hides another user's task: 404 to read, change, complete or see its history", async () => {
    const { id } = await create(alice.token, { title: 'Private' });
    expect((await t.api(`/api/tasks/${id}`, { token: bob.token })).status).toBe(404);
    expect((await t.api(`/api/tasks/${id}/history`, { token: bob.token })).status).toBe(404);
    const patch = await t.api(`/api/tasks/${id}`, {
      method: 'PATCH',
      token: bob.token,
      json: { title: 'Mine now' },
    });
    expect(patch.status).toBe(404);
    expect((await t.api(`/api/tasks/${id}/complete`, { method: 'POST', token: bob.token })).status).toBe(404);
    expect((await t.api(`/api/tasks/${id}`, { method: 'DELETE', token: bob.token })).status).toBe(404);
    const list = await json<TaskList>(await t.api('/api/tasks?status=all&limit=200', { token: bob.token }));
    expect(list.items.map((i) => i.id)).not.toContain(id);
    const task = await json<TaskView>(await t.api(`/api/tasks/${id}`, { token: alice.token }));
    expect(task).toMatchObject({ title: 'Private', status: 'open', version: 1 });
  });

  it("answers If-Match on another user's task exactly as on a missing one: 404, not 412", async () => {
    const { id } = await create(alice.token, { title: 'Private, versioned' });
    const missing = '00000000-0000-4000-8000-000000000000';
    const ask = (taskId: string) =>
      t.api(`/api/tasks/${taskId}/complete`, {
        method: 'POST',
        token: bob.token,
        headers: { 'if-match': '"1"' },
      });
    const theirs = await ask(id);
    const none = await ask(missing);
    expect([theirs.status, none.status]).toEqual([404, 404]);
    const body = async (res: Response, taskId: string) => (await res.text()).replaceAll(taskId, '<id>');
    expect(await body(none, missing)).toBe(await body(theirs, id));
  });

  it('honours Idempotency-Key: same key and body give the same answer and one task', async () => {
    const body = { title: `Idempotent ${Date.now()}` };
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const [a, b] = await Promise.all([create(bob.token, body, headers), create(bob.token, body, headers)]);
    const c = await create(bob.token, body, headers);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const list = await json<TaskList>(
      await t.api(`/api/tasks?q=${encodeURIComponent(body.title)}`, { token: bob.token }),
    );
    expect(list.items.filter((i) => i.title === body.title)).toHaveLength(1);
    const other = await t.api('/api/tasks', {
      method: 'POST',
      token: bob.token,
      json: { title: 'different' },
      headers,
    });
    expect(other.status).toBe(422);
    expect(await problemFields(other)).toContain('Idempotency-Key');
  });

  it('refuses bad input with problem+json naming the field, and changes nothing', async () => {
    const { id } = await create(alice.token, { title: 'Untouchable' });
    const cases: [string, RequestInit & { json?: unknown }, string][] = [
      ['/api/tasks', { method: 'POST', json: { title: 'x', bogus: 1 } }, 'bogus'],
      ['/api/tasks', { method: 'POST', json: { title: 42 } }, 'title'],
      ['/api/tasks', { method: 'POST', json: { title: 'x'.repeat(501) } }, 'title'],
      [
        '/api/tasks',
        { method: 'POST', json: { title: 'x', description: 'y'.repeat(10_001) } },
        'description',
      ],
      [
        '/api/tasks',
        { method: 'POST', json: { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } },
        'tags',
      ],
      ['/api/tasks', { method: 'POST', json: { title: 'x', priority: 'urgent' } }, 'priority'],
      ['/api/tasks', { method: 'POST', json: { title: 'x', timezone: 'Mars/Olympus' } }, 'timezone'],
      ['/api/tasks', { method: 'POST', json: { title: 'x', dueAt: 'tomorrow' } }, 'dueAt'],
      [
        '/api/tasks',
        {
          method: 'POST',
          json: { title: 'x', dueAt: '2026-12-01T09:00:00Z', recurrence: { rrule: 'FREQ=SOMETIMES' } },
        },
        'recurrence.rrule',
      ],
      [
        '/api/tasks',
        { method: 'POST', json: { title: 'x', recurrence: { rrule: 'FREQ=DAILY' } } },
        'recurrence',
      ],
      [`/api/tasks/${id}`, { method: 'PATCH', json: { title: '' } }, 'title'],
      [`/api/tasks/${id}`, { method: 'PATCH', json: {} }, 'body'],
      [
        `/api/tasks/${id}`,
        { method: 'PATCH', json: { title: 'y' }, headers: { 'if-match': 'soon' } },
        'If-Match',
      ],
      ['/api/tasks/not-a-uuid', { method: 'PATCH', json: { title: 'y' } }, 'id'],
      ['/api/tasks?limit=500', { method: 'GET' }, 'limit'],
      ['/api/tasks?sort=colour', { method: 'GET' }, 'sort'],
      ['/api/tasks?cursor=garbage', { method: 'GET' }, 'cursor'],
    ];
    for (const [path, init, field] of cases) {
      const res = await t.api(path, { ...init, token: alice.token });
      const status = res.status >= 400 && res.status < 500 ? '4xx' : String(res.status);
      const what = `${init.method} ${path} ${JSON.stringify(init.json ?? '').slice(0, 80)}`;
      expect([what, status]).toEqual([what, '4xx']);
      expect(await problemFields(res)).toEqual(expect.arrayContaining([field]));
    }
    const malformed = await t.api('/api/tasks', {
      method: 'POST',
      token: alice.token,
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect(await problemFields(malformed)).toContain('body');
    const unknown = await t.api('/api/tasks/00000000-0000-4000-8000-000000000000/complete', {
      method: 'POST',
      token: alice.token,
    });
    expect(unknown.status).toBe(404);
    const task = await json<TaskView>(await t.api(`/api/tasks/${id}`, { token: alice.token }));
    expect(task).toMatchObject({ title: 'Untouchable', version: 1 });
  });

  it('lists with filters, sort and cursor pagination that visits every task once', async () => {
    const carol = await t.signup();
    const due = (d: number) => `2027-01-${String(d).padStart(2, '0')}T09:00:00Z`;
    for (let i = 1; i <= 25; i++) {
      await create(carol.token, {
        title: i % 5 === 0 ? `Buy milk ${i}` : `Task ${i}`,
        dueAt: i % 7 === 0 ? null : due(i),
        priority: i % 3 === 0 ? 'high' : 'low',
        tags: i % 2 === 0 ? ['even'] : ['odd'],
      });
    }
    const seen: TaskView[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `?sort=due&order=asc&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page: TaskList = await json<TaskList>(await t.api(`/api/tasks${qs}`, { token: carol.token }));
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((s) => s.id)).size).toBe(25);
    const dues = seen.map((s) => s.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    const high = await json<TaskList>(await t.api('/api/tasks?priority=high', { token: carol.token }));
    expect(high.items.every((i) => i.priority === 'high')).toBe(true);
    expect(high.items).toHaveLength(8);
    const even = await json<TaskList>(await t.api('/api/tasks?tag=EVEN', { token: carol.token }));
    expect(even.items).toHaveLength(12);
    const milk = await json<TaskList>(await t.api('/api/tasks?q=mil', { token: carol.token }));
    expect(milk.items.map((i) => i.title).sort()).toEqual([
      'Buy milk 10',
      'Buy milk 15',
      'Buy milk 20',
      'Buy milk 25',
      'Buy milk 5',
    ]);
    const range = await json<TaskList>(
      await t.api(`/api/tasks?dueFrom=${due(10)}&dueTo=${due(12)}`, { token: carol.token }),
    );
    expect(range.items.map((i) => i.title)).toEqual(['Buy milk 10', 'Task 11', 'Task 12']);
    const byPriority = await json<TaskList>(
      await t.api('/api/tasks?sort=priority&order=desc&limit=3', { token: carol.token }),
    );
    expect(byPriority.items.map((i) => i.priority)).toEqual(['high', 'high', 'high']);
  });

  it("serves the user's audit trail newest first, in pages", async () => {
    const dave = await t.signup();
    const { id } = await create(dave.token, { title: 'Audited' });
    await t.api(`/api/tasks/${id}/complete`, { method: 'POST', token: dave.token });
    await create(dave.token, { title: 'Second' });
    const first = await json<AuditPage>(await t.api('/api/audit?limit=2', { token: dave.token }));
    expect(first.items.map((e) => e.type)).toEqual(['todo.task.created.v1', 'todo.task.completed.v1']);
    expect(first.nextCursor).not.toBeNull();
    const second = await json<AuditPage>(
      await t.api(`/api/audit?limit=2&cursor=${first.nextCursor}`, { token: dave.token }),
    );
    expect(second.items.map((e) => [e.type, e.taskId])).toEqual([['todo.task.created.v1', id]]);
    expect(second.nextCursor).toBeNull();
  });
});

describe('instants outside 1970-01-01 … 9999-12-31 UTC (issue 10, the poison event)', () => {
  const RANGE = '1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z';
  const problem = async (res: Response) => {
    expect([res.status, res.headers.get('content-type')]).toEqual([
      400,
      expect.stringMatching(/^application\/problem\+json/),
    ]);
    return json<{ detail: string; errors: { field: string; message: string }[] }>(res);
  };

  it('refuses a due date that normalises to year 0 or year 10000 in UTC, naming dueAt and the range', async () => {
    for (const dueAt of ['0001-01-01T00:00:00+14:00', '9999-12-31T23:59:59-14:00']) {
      const res = await t.api('/api/tasks', {
        method: 'POST',
        token: alice.token,
        json: { title: 'p', dueAt },
      });
      const body = await problem(res);
      expect(body.errors).toEqual([{ field: 'dueAt', message: expect.stringContaining(RANGE) }]);
      expect(body.detail).toContain('dueAt');
    }
  });

  it('refuses such instants in reminders and in a patch too', async () => {
    const bad = '1969-12-31T23:59:59Z';
    const created = await t.api('/api/tasks', {
      method: 'POST',
      token: alice.token,
      json: { title: 'p', reminders: [{ at: bad }] },
    });
    expect((await problem(created)).errors.map((e) => e.field)).toEqual(['reminders.0.at']);
    const { id } = await create(alice.token, { title: 'fine' });
    const patched = await t.api(`/api/tasks/${id}`, {
      method: 'PATCH',
      token: alice.token,
      json: { dueAt: '9999-12-31T23:59:59-14:00' },
    });
    expect((await problem(patched)).errors.map((e) => e.field)).toEqual(['dueAt']);
  });

  it('answers a list filter outside the range with 400, not 500', async () => {
    const res = await t.api(`/api/tasks?dueFrom=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`, {
      token: alice.token,
    });
    expect((await problem(res)).errors).toEqual([
      { field: 'dueFrom', message: expect.stringContaining(RANGE) },
    ]);
  });

  it('names the range in the OpenAPI description of an instant', async () => {
    const spec = await (await t.api('/api/openapi.json', {})).text();
    expect(spec).toContain('between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z in UTC');
  });
});
