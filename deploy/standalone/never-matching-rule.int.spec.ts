import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TASK_COMPLETED, TASK_CREATED, type ChatResponse, type TaskList } from '@todo/contracts';
import { taskCreatedData } from '@todo/contracts/testing';
import { PostgresEventStore } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/**
 * Issue 10, over real HTTP and a real PostgreSQL, the saga running in this process: a rule
 * that never matches is refused wherever it is set, and one already in the log (written
 * before the check) does not stall the process when its task is completed — before the
 * fix, computing its next occurrence blocked the event loop for 6.6 s (the hourly variant
 * for 24 s), and every user's requests with it.
 */
const REPRO = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31';
const all = (n: number) => Array.from({ length: n }, (_, i) => i).join(',');
const HOURLY = `FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30,31;BYHOUR=${all(24)};BYMINUTE=${all(60)}`;

let t: TestSystem;
let alice: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestSystem();
  alice = await t.signup();
});
afterAll(async () => t.stop());

const json = async <T>(res: Response) => (await res.json()) as T;

async function refusal(res: Response): Promise<{ status: number; fields: string[]; detail: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await json<{ detail: string; errors?: { field: string; message: string }[] }>(res);
  return { status: res.status, fields: (body.errors ?? []).map((e) => e.field), detail: body.detail };
}

const createTask = (json: Record<string, unknown>) =>
  t.api('/api/tasks', { method: 'POST', token: alice.token, json: { title: 'Rent', ...json } });

describe('a recurrence rule that never matches', () => {
  it('is refused on create, naming the rule (the repro, its hourly variant, and one that fails from its start)', async () => {
    for (const rrule of [REPRO, HOURLY]) {
      const res = await createTask({ dueAt: '2026-12-01T09:00:00Z', recurrence: { rrule } });
      expect(await refusal(res)).toMatchObject({ status: 422, fields: ['recurrence.rrule'] });
    }
    const fromItsStart = await createTask({
      dueAt: '2027-01-30T09:00:00Z',
      timezone: 'UTC',
      recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2' },
    });
    const problem = await refusal(fromItsStart);
    expect(problem).toMatchObject({ status: 422, fields: ['recurrence.rrule'] });
    expect(problem.detail).toMatch(/no occurrence in the 10 years after its start/);
  });

  it('is refused when a rule is edited, by PATCH and by the edit-rule route', async () => {
    const created = await createTask({ dueAt: '2026-12-01T09:00:00Z', recurrence: { rrule: 'FREQ=DAILY' } });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const patched = await t.api(`/api/tasks/${id}`, {
      method: 'PATCH',
      token: alice.token,
      json: { recurrence: { rrule: REPRO } },
    });
    expect(await refusal(patched)).toMatchObject({ status: 422, fields: ['recurrence.rrule'] });
    const edited = await t.api(`/api/tasks/${id}/recurrence`, {
      method: 'PUT',
      token: alice.token,
      json: { rrule: REPRO, anchor: 'schedule' },
    });
    const problem = await refusal(edited);
    expect(problem).toMatchObject({ status: 422, fields: ['rrule'] });
    expect(problem.detail).toMatch(/never occurs/);
  });

  it('is refused in the chat, which says why and creates nothing', async () => {
    const res = await t.api('/api/chat', {
      method: 'POST',
      token: alice.token,
      json: { message: 'add water the cactus every February 31st' },
    });
    expect(res.status).toBe(200);
    const answer = await json<ChatResponse>(res);
    expect(answer.reply).toMatch(/never occurs/);
    const list = await json<TaskList>(await t.api('/api/tasks?q=cactus', { token: alice.token }));
    expect(list.items).toEqual([]);
  });

  it('already in the log does not stall the process when completed: its series ends, the log flows on', async () => {
    const store = new PostgresEventStore(t.db.knex);
    const oldTasks = [randomUUID(), randomUUID()];
    // Written as an old version would have: straight to the store, past today's decider.
    for (const [i, rrule] of [REPRO, HOURLY].entries()) {
      await store.append(
        oldTasks[i]!,
        0,
        [
          {
            type: TASK_CREATED,
            data: taskCreatedData({
              title: `old ${i}`,
              dueAt: '2026-12-01T09:00:00.000Z',
              timezone: 'Europe/Paris',
              recurrence: { rrule, anchor: 'schedule' },
              seriesId: oldTasks[i],
            }),
          },
          { type: TASK_COMPLETED, data: { completedAt: '2026-12-01T10:00:00.000Z' } },
        ],
        { userId: alice.userId, source: 'an old version', correlationId: randomUUID() },
      );
    }
    // A healthy series completed after them: its next occurrence shows the saga got past them.
    const created = await createTask({
      title: 'Stretch',
      dueAt: '2026-12-01T09:00:00Z',
      recurrence: { rrule: 'FREQ=DAILY' },
    });
    const { id } = await json<{ id: string }>(created);
    expect((await t.api(`/api/tasks/${id}/complete`, { method: 'POST', token: alice.token })).status).toBe(
      200,
    );
    let successors: { stream_id: string }[] = [];
    for (const deadline = Date.now() + 30_000; successors.length === 0 && Date.now() < deadline;) {
      expect((await t.api('/readyz')).status).toBe(200);
      successors = await t.db
        .knex('events')
        .where({ type: TASK_CREATED })
        .whereRaw(`data->'spawnedFrom'->>'taskId' = ?`, [id]);
      if (successors.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(successors).toHaveLength(1);
    const spawnedFromOld = await t.db
      .knex('events')
      .where({ type: TASK_CREATED })
      .whereRaw(`data->'spawnedFrom'->>'taskId' = any(?)`, [oldTasks]);
    expect(spawnedFromOld).toEqual([]);
    // How much work each expansion may do is held by the unit test beside the launcher
    // (no-event-loop-stall.unit.spec.ts, in expansion steps); its time is for the benchmark.
  });
});
