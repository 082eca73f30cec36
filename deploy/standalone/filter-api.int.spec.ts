import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatResponse, Problem, TaskList, TaskListGroups } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// GET /api/tasks?filter=… over the whole standalone system: the filter language resolved in
// the user's zone at the system clock's now, refusals as 400 problems naming `filter`.

// Thursday 26 November 2026, 23:30 in Paris (22:30 UTC).
const NOW = '2026-11-26T22:30:00.000Z';
let t: TestSystem;
let user: { token: string; userId: string };
let other: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(NOW) });
  user = await t.signup();
  other = await t.signup();
  await t.db.knex('users').where({ id: user.userId }).update({ timezone: 'Europe/Paris' });
  for (const json of [
    { title: 'Pay rent', dueAt: '2026-11-26T10:00:00+01:00', priority: 'high', tags: ['home'] },
    { title: 'Late report', dueAt: '2026-11-20T10:00:00+01:00', tags: ['work'] },
    { title: 'Call mom', dueAt: '2026-11-27T09:00:00+01:00' },
    { title: 'Friday review', dueAt: '2026-11-27T18:00:00+01:00', priority: 'high' },
    { title: 'Someday idea' },
    { title: 'Next month plan', dueAt: '2026-12-20T09:00:00+01:00', tags: ['work'] },
  ]) {
    const res = await t.api('/api/tasks', { method: 'POST', token: user.token, json });
    expect(res.status).toBe(201);
  }
  const res = await t.api('/api/tasks', {
    method: 'POST',
    token: other.token,
    json: { title: 'Not yours', dueAt: '2026-11-26T10:00:00+01:00', priority: 'high' },
  });
  expect(res.status).toBe(201);
});
afterAll(async () => t.stop());

const url = (filter: string, extra = '') => `/api/tasks?filter=${encodeURIComponent(filter)}${extra}`;

async function titles(filter: string, token = user.token): Promise<string[]> {
  const res = await t.api(url(filter), { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as TaskList).items.map((task) => task.title);
}

async function refusal(filter: string): Promise<Problem> {
  const res = await t.api(url(filter), { token: user.token });
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status: 400,
    type: 'application/problem+json; charset=utf-8',
  });
  return (await res.json()) as Problem;
}

describe('GET /api/tasks?filter=', () => {
  it('given the user in Paris near midnight, when "today", then Paris’s Thursday is meant, not UTC’s', async () => {
    expect(await titles('today')).toEqual(['Pay rent']);
    expect(await titles('tomorrow')).toEqual(['Call mom', 'Friday review']);
  });

  it('given "today & p1 | overdue", when listed, then & binds tighter than |', async () => {
    expect(await titles('today & p1 | overdue')).toEqual(['Late report', 'Pay rent']);
  });

  it('given a date only the NL engine knows, when "due before: next friday", then the engine resolves it', async () => {
    expect(await titles('due before: next friday')).toEqual([
      'Late report',
      'Pay rent',
      'Call mom',
      'Friday review',
    ]);
  });

  it('given negation and labels, when listed, then undated tasks count as "not today"', async () => {
    expect(await titles('!no date & @work')).toEqual(['Late report', 'Next month plan']);
    expect(await titles('no date')).toEqual(['Someday idea']);
  });

  it('given an unknown label or a list, when listed, then the answer is empty, not an error', async () => {
    expect(await titles('@nosuchlabel')).toEqual([]);
    expect(await titles('#Work')).toEqual([]);
  });

  it('given another user’s matching task, when that filter is listed, then it never shows', async () => {
    expect(await titles('p1')).toEqual(['Pay rent', 'Friday review']);
    expect(await titles('p1', other.token)).toEqual(['Not yours']);
  });

  it('given a comma, when listed, then each list comes as a group with its own filter', async () => {
    const res = await t.api(url('overdue, p1 & tomorrow'), { token: user.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TaskListGroups;
    expect(body.groups.map((g) => [g.filter, g.items.map((i) => i.title)])).toEqual([
      ['overdue', ['Late report', 'Pay rent']],
      ['p1 & tomorrow', ['Friday review']],
    ]);
  });

  it('given a syntax error, when listed, then a 400 problem names filter, the position and what was expected', async () => {
    const problem = await refusal('today & | p1');
    expect(problem.errors).toEqual([
      { field: 'filter', message: expect.stringContaining('at position 8; expected today') },
    ]);
  });

  it('given a date nobody understands, when listed, then a 400 problem names filter and the date’s position', async () => {
    const problem = await refusal('due before: the heat death');
    expect(problem.errors).toEqual([{ field: 'filter', message: expect.stringContaining('at position 12') }]);
  });

  it('given a filter too long or too deep, when listed, then it is refused with the bound', async () => {
    expect((await refusal('p1 | '.repeat(120) + 'p1')).errors?.[0]?.message).toContain(
      'at most 500 characters',
    );
    expect((await refusal('('.repeat(30) + 'p1' + ')'.repeat(30))).errors?.[0]?.message).toContain(
      'at most 20 deep',
    );
  });

  it('given several lists and a cursor, when listed, then the cursor is refused', async () => {
    const res = await t.api(url('today, overdue', '&cursor=abc'), { token: user.token });
    expect(res.status).toBe(400);
  });

  it('given the OpenAPI document, when read, then filter is a documented parameter', async () => {
    const doc = (await (await t.api('/api/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; description?: string }[] } }>;
    };
    const param = doc.paths['/api/tasks']?.get?.parameters?.find((p) => p.name === 'filter');
    expect(param?.description).toContain('filter language');
  });
});

async function chat(message: string): Promise<ChatResponse> {
  const res = await t.api('/api/chat', { method: 'POST', token: user.token, json: { message } });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatResponse;
}

describe('the filter language in the chat', () => {
  it('given "show my p1 tasks due this week", when asked, then the list intent gives this week’s p1 tasks', async () => {
    const answer = await chat('show my p1 tasks due this week');
    expect(answer.tasks?.map((task) => task.title)).toEqual(['Pay rent', 'Friday review']);
  });

  it('given "filter: today & p1 | overdue", when asked, then the chat lists what GET ?filter= lists', async () => {
    const answer = await chat('filter: today & p1 | overdue');
    expect(answer.tasks?.map((task) => task.title)).toEqual(await titles('today & p1 | overdue'));
    expect(answer.reply).toContain('tasks matching “today & p1 | overdue”');
  });

  it('given a filter with a syntax error, when asked, then the chat says where', async () => {
    const answer = await chat('filter: today & | p1');
    expect(answer.reply).toContain('at position 8');
    expect(answer.tasks).toBeUndefined();
  });
});
