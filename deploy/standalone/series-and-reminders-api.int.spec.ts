import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { History, TaskList, TaskView } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';
import { sleep, until } from '@todo/sagas/testing';

let t: TestSystem;
let user: { token: string };

beforeAll(async () => {
  t = await startTestSystem();
  user = await t.signup();
});
afterAll(async () => t.stop());

const json = async <T>(res: Response) => (await res.json()) as T;
const post = (path: string, body?: unknown) =>
  t.api(path, { method: 'POST', token: user.token, ...(body === undefined ? {} : { json: body }) });

async function createRecurring(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/api/tasks', {
    title: 'Standup',
    dueAt: '2030-03-07T14:00:00Z',
    timezone: 'America/New_York',
    recurrence: { rrule: 'FREQ=DAILY' },
    reminders: [{ id: 'early', minutesBefore: 10 }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

async function seriesOf(seriesId: string): Promise<TaskView[]> {
  const list = await json<TaskList>(await t.api('/api/tasks?limit=200', { token: user.token }));
  return list.items.filter((task) => task.seriesId === seriesId && task.id !== seriesId);
}

const historyOf = async (id: string) =>
  (await json<History>(await t.api(`/api/tasks/${id}/history`, { token: user.token }))).items;

describe('recurrence and reminders over HTTP (standalone system)', () => {
  it('completing a recurring task shows its next occurrence in GET /api/tasks, whose history names the completion', async () => {
    const id = await createRecurring();
    expect((await post(`/api/tasks/${id}/complete`)).status).toBe(200);
    await until(async () => (await seriesOf(id)).length === 1);
    const [next] = await seriesOf(id);
    expect(next).toMatchObject({ title: 'Standup', status: 'open', dueAt: '2030-03-08T14:00:00.000Z' });
    const completion = (await historyOf(id)).find((e) => e.type === 'todo.task.completed.v1')!;
    const [created] = await historyOf(next!.id);
    expect(created).toMatchObject({
      type: 'todo.task.created.v1',
      causationId: completion.id,
      data: { spawnedFrom: { taskId: id, eventId: completion.id } },
    });
  });

  it('skip closes this occurrence and the next one follows; a task that does not repeat cannot be skipped', async () => {
    const id = await createRecurring();
    expect((await post(`/api/tasks/${id}/skip`)).status).toBe(200);
    await until(async () => (await seriesOf(id)).length === 1);
    const plain = await json<{ id: string }>(await post('/api/tasks', { title: 'Once' }));
    const refused = await post(`/api/tasks/${plain.id}/skip`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('edit the rule applies from the next occurrence; stop repeating ends the series', async () => {
    const id = await createRecurring();
    const edited = await t.api(`/api/tasks/${id}/recurrence`, {
      method: 'PUT',
      token: user.token,
      json: { rrule: 'FREQ=WEEKLY' },
    });
    expect(edited.status).toBe(200);
    await post(`/api/tasks/${id}/complete`);
    await until(async () => (await seriesOf(id)).length === 1);
    expect((await seriesOf(id))[0]!.dueAt).toBe('2030-03-14T13:00:00.000Z');

    const other = await createRecurring();
    expect((await post(`/api/tasks/${other}/stop-repeating`)).status).toBe(200);
    await post(`/api/tasks/${other}/complete`);
    await sleep(1000);
    expect(await seriesOf(other)).toHaveLength(0);
  });

  it('snoozes a reminder, naming the field of a bad request', async () => {
    const id = await createRecurring();
    const bad = await post(`/api/tasks/${id}/reminders/early/snooze`, { minutes: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('minutes');
    expect((await post(`/api/tasks/${id}/reminders/nope/snooze`, { minutes: 5 })).status).toBe(404);
    expect((await post(`/api/tasks/${id}/reminders/early/snooze`, { minutes: 5 })).status).toBe(200);
    const snoozed = (await historyOf(id)).find((e) => e.type === 'todo.task.reminder-snoozed.v1');
    expect(snoozed?.data).toMatchObject({ reminderId: 'early' });
  });

  it('refuses a loopback webhook URL (no operator override here) and lists no deliveries', async () => {
    const res = await t.api('/api/webhook', {
      method: 'PUT',
      token: user.token,
      json: { url: 'http://127.0.0.1:9/x' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('url');
    expect((await t.api('/api/webhook', { token: user.token })).status).toBe(404);
    const deliveries = await json<{ items: unknown[] }>(
      await t.api('/api/webhook/deliveries', { token: user.token }),
    );
    expect(deliveries.items).toEqual([]);
  });
});
