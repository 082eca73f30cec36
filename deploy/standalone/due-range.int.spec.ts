import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatResponse, TaskList } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// The REST list and the chat read tasks through one read model; both must mean the same
// by the end of a range. `dueTo` is a closed bound (a task due at exactly `dueTo` is in),
// and the chat's "today" ends at the last instant before tomorrow, not at midnight.

interface Parameter {
  name: string;
  description?: string;
  schema?: { description?: string };
}

const NOW = '2026-11-26T08:00:00.000Z';
let t: TestSystem;
let user: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(NOW) });
  user = await t.signup();
  await t.db.knex('users').where({ id: user.userId }).update({ timezone: 'UTC' });
  for (const [title, dueAt] of [
    ['Start of today', '2026-11-26T00:00:00.000Z'],
    ['End of today', '2026-11-26T23:59:59.999Z'],
    ['Midnight tomorrow', '2026-11-27T00:00:00.000Z'],
  ] as const) {
    const res = await t.api('/api/tasks', { method: 'POST', token: user.token, json: { title, dueAt } });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => t.stop());

async function listed(dueFrom: string, dueTo: string): Promise<string[]> {
  const res = await t.api(
    `/api/tasks?dueFrom=${encodeURIComponent(dueFrom)}&dueTo=${encodeURIComponent(dueTo)}`,
    { token: user.token },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as TaskList).items.map((task) => task.title);
}

describe('the end of a due range', () => {
  it('GET /api/tasks includes a task due at exactly dueTo', async () => {
    expect(await listed('2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([
      'Start of today',
      'End of today',
      'Midnight tomorrow',
    ]);
    expect(await listed('2026-11-26T00:00:00Z', '2026-11-26T23:59:59.999Z')).toEqual([
      'Start of today',
      'End of today',
    ]);
  });

  it('the chat\'s "today" is the same list as REST\'s closed range over the day', async () => {
    const res = await t.api('/api/chat', {
      method: 'POST',
      token: user.token,
      json: { message: "what's due today?" },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as ChatResponse;
    expect(answer.tasks?.map((task) => task.title)).toEqual(
      await listed('2026-11-26T00:00:00Z', '2026-11-26T23:59:59.999Z'),
    );
    expect(answer.tasks?.map((task) => task.title)).toEqual(['Start of today', 'End of today']);
  });

  it('the OpenAPI document says that dueTo is included', async () => {
    const doc = (await (await t.api('/api/openapi.json', {})).json()) as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    };
    const dueTo = doc.paths['/api/tasks']?.get?.parameters?.find((p) => p.name === 'dueTo');
    expect(dueTo?.description ?? dueTo?.schema?.description).toContain(
      'at or before this instant (a task due at exactly it is included)',
    );
  });
});
