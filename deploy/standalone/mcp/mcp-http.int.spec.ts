import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CreatedApiToken, TaskList, TaskView } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { READ_TOOLS, runDayScenario } from '../../testing/mcp/day-scenario.ts';
import { call, overHttp } from '../../testing/mcp/mcp-clients.ts';

// A Monday morning in the users' zone (UTC): "tomorrow", "today" and "overdue" are fixed.
const NOW = '2026-03-02T09:00:00.000Z';
let ts: TestSystem;
beforeAll(async () => {
  ts = await startTestSystem({ clock: fixedClock(NOW) });
});
afterAll(() => ts.stop());

const mcp = (init: { token?: string; body: string; headers?: Record<string, string> }) =>
  fetch(`${ts.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body,
  });

const tasksOf = async (token: string) =>
  ((await (await ts.api('/api/tasks?status=all', { token })).json()) as TaskList).items;

describe('the MCP server over Streamable HTTP at /mcp', () => {
  it('runs a day: lists the tools, adds in plain English, finds, completes; the WebSocket sees it; another user sees none of it', async () => {
    await runDayScenario(ts, overHttp(ts.url));
  });

  it('files a task added in plain English with #List into that list of the user, @label as a tag', async () => {
    const user = await ts.signup();
    const made = await ts.api('/api/lists', { method: 'POST', token: user.token, json: { name: 'Family' } });
    const { id: listId } = (await made.json()) as { id: string };
    const client = await overHttp(ts.url)(user.token);
    try {
      const added = await call(client, 'add_tasks', { tasks: [{ text: 'call dad #Family @phone' }] });
      const [task] = (added.structuredContent as { tasks: TaskView[] }).tasks;
      expect(task).toMatchObject({ title: 'call dad', listId, tags: ['phone'] });
    } finally {
      await client.close();
    }
  });

  it('answers the overview, reschedules in plain English, and keeps the history', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(user.token);
    try {
      await call(client, 'add_tasks', {
        tasks: [
          { title: 'late report', dueAt: '2026-03-01T10:00:00Z' },
          { title: 'standup', dueAt: '2026-03-02T15:00:00Z' },
          { text: 'dentist on thursday at 10am' },
        ],
      });
      const overview = await call(client, 'overview', {});
      const view = overview.structuredContent as Record<'overdue' | 'today' | 'upcoming', TaskView[]>;
      expect(view.overdue.map((t) => t.title)).toEqual(['late report']);
      expect(view.today.map((t) => t.title)).toEqual(['standup']);
      expect(view.upcoming.map((t) => t.title)).toEqual(['dentist']);
      expect(overview.structuredContent).toMatchObject({ counts: { overdue: 1, today: 1, upcoming: 1 } });

      const late = view.overdue[0]!;
      const moved = await call(client, 'reschedule_task', { id: late.id, when: 'tomorrow at 9am' });
      expect((moved.structuredContent as { task: TaskView }).task.dueAt).toBe('2026-03-03T09:00:00.000Z');
      const history = await call(client, 'task_history', { id: late.id });
      expect((history.structuredContent as { items: { type: string }[] }).items.map((e) => e.type)).toEqual([
        'todo.task.created.v1',
        'todo.task.updated.v1',
      ]);
    } finally {
      await client.close();
    }
  });

  it('refuses a change made for a version the task has moved on from (If-Match), changing nothing', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(user.token);
    try {
      const added = await call(client, 'add_tasks', { tasks: [{ title: 'draft' }] });
      const [task] = (added.structuredContent as { tasks: TaskView[] }).tasks;
      await call(client, 'update_task', { id: task!.id, changes: { title: 'draft v2' } });
      const stale = await call(client, 'update_task', {
        id: task!.id,
        version: task!.version,
        changes: { title: 'x' },
      });
      expect(stale.isError).toBe(true);
      expect(stale.structuredContent).toMatchObject({ problem: { status: 412 } });
      expect((await tasksOf(user.token)).map((t) => t.title)).toEqual(['draft v2']);
    } finally {
      await client.close();
    }
  });

  it('creates nothing twice when a call is retried with the same idempotencyKey', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(user.token);
    try {
      const args = { tasks: [{ title: 'one' }, { title: 'two' }], idempotencyKey: 'agent-call-1' };
      const first = await call(client, 'add_tasks', args);
      const again = await call(client, 'add_tasks', args);
      expect(again.structuredContent).toEqual(first.structuredContent);
      expect((await tasksOf(user.token)).map((t) => t.title).sort()).toEqual(['one', 'two']);
    } finally {
      await client.close();
    }
  });
});

describe('API tokens at /mcp', () => {
  const tokenOf = async (session: string, scopes: string[]) => {
    const res = await ts.api('/api/tokens', {
      method: 'POST',
      token: session,
      json: { name: 'agent', scopes },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as CreatedApiToken).token;
  };

  it('a full API token works as Bearer: it adds and finds tasks', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(await tokenOf(user.token, ['tasks:read', 'tasks:write']));
    try {
      const added = await call(client, 'add_tasks', { tasks: [{ text: 'water plants every 3 days' }] });
      expect(added.isError).toBeFalsy();
      expect((await tasksOf(user.token)).map((t) => [t.title, t.recurrence?.rrule])).toEqual([
        ['water plants', 'FREQ=DAILY;INTERVAL=3'],
      ]);
    } finally {
      await client.close();
    }
  });

  it('a read-only API token sees no writing tools, and a forced write is refused, changing nothing', async () => {
    const user = await ts.signup();
    await ts.api('/api/tasks', { method: 'POST', token: user.token, json: { title: 'leave me' } });
    const before = await tasksOf(user.token);
    const client = await overHttp(ts.url)(await tokenOf(user.token, ['tasks:read']));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort());
      const found = await call(client, 'find_tasks', {});
      expect((found.structuredContent as TaskList).items.map((t) => t.title)).toEqual(['leave me']);

      await expect(
        client.callTool({ name: 'complete_task', arguments: { id: before[0]!.id } }),
      ).rejects.toThrow(/unknown tool "complete_task"/);
      await expect(
        client.callTool({ name: 'add_tasks', arguments: { tasks: [{ title: 'sneaky' }] } }),
      ).rejects.toThrow(/unknown tool "add_tasks"/);
      expect(await tasksOf(user.token)).toEqual(before);
    } finally {
      await client.close();
    }
  });
});

describe('bad input at /mcp: a clear error, and nothing stored changes', () => {
  it('refuses a call without a token, or with a wrong one, with 401', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const none = await mcp({ body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await mcp({ body, token: 'not-a-token' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: -32001 } });
  });

  it('answers a body that is not JSON with a JSON-RPC parse error, and one that is no JSON-RPC message too', async () => {
    const user = await ts.signup();
    const broken = await mcp({ token: user.token, body: '{"jsonrpc": "2.0", "method": ' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    const notRpc = await mcp({ token: user.token, body: JSON.stringify({ hello: 'world' }) });
    expect(notRpc.status).toBe(400);
    expect(await notRpc.json()).toMatchObject({
      error: { code: -32700, message: 'Parse error: Invalid JSON-RPC message' },
    });
    const get = await fetch(`${ts.url}/mcp`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers an unknown tool with an error naming the tools there are', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(user.token);
    try {
      const unknown = client.callTool({ name: 'drop_database', arguments: {} });
      await expect(unknown).rejects.toThrow(McpError);
      await expect(unknown).rejects.toThrow(/unknown tool "drop_database".*add_tasks/);
    } finally {
      await client.close();
    }
  });

  it('refuses bad arguments with a tool error naming each field as REST does, storing nothing', async () => {
    const user = await ts.signup();
    const client = await overHttp(ts.url)(user.token);
    try {
      const added = await call(client, 'add_tasks', { tasks: [{ title: 'keep me' }] });
      const [kept] = (added.structuredContent as { tasks: TaskView[] }).tasks;

      const bad = await call(client, 'add_tasks', {
        tasks: [{ title: 'fine' }, { title: '   ', priority: 'urgent', colour: 'red' }],
      });
      expect(bad.isError).toBe(true);
      expect(bad.text).toContain('tasks.1.title: title must not be empty');
      expect(bad.structuredContent).toMatchObject({
        problem: {
          status: 400,
          errors: expect.arrayContaining([
            { field: 'tasks.1.title', message: 'title must not be empty' },
            { field: 'tasks.1.priority', message: expect.any(String) },
            { field: 'tasks.1.colour', message: 'unknown field(s): colour' },
          ]),
        },
      });
      const badId = await call(client, 'complete_task', { id: 'nope' });
      expect(badId.text).toContain('id: must be a task id (UUID)');
      const badFilter = await call(client, 'find_tasks', { filter: 'today &' });
      expect(badFilter.isError).toBe(true);
      expect(badFilter.structuredContent).toMatchObject({ problem: { errors: [{ field: 'filter' }] } });
      const noDate = await call(client, 'reschedule_task', { id: kept!.id, when: 'whenever suits' });
      expect(noDate.text).toContain('when: no date understood');

      expect(await tasksOf(user.token)).toEqual([kept]);
    } finally {
      await client.close();
    }
  });

  it('leaves /mcp out of the OpenAPI document (it is JSON-RPC, not REST)', async () => {
    const doc = (await (await ts.api('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/mcp');
  });
});
