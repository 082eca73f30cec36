import { expect } from '@jest/globals';
import type { TaskView } from '@todo/contracts';
import { connect } from '@todo/realtime/testing';
import { call, type ConnectMcp } from './mcp-clients.ts';

export const WRITE_TOOLS = [
  'add_tasks',
  'update_task',
  'reschedule_task',
  'complete_task',
  'reopen_task',
  'delete_task',
  'snooze_reminder',
];
export const READ_TOOLS = ['overview', 'find_tasks', 'task_history'];

/**
 * A user's day over one MCP transport: list the tools, add a task in plain English, find
 * it, complete it — each write seen on the user's WebSocket — while a second user's token
 * sees none of it.
 */
export async function runDayScenario(
  ts: { url: string; signup(): Promise<{ token: string }> },
  connectMcp: ConnectMcp,
): Promise<void> {
  const ann = await ts.signup();
  const bob = await ts.signup();
  const socket = await connect(ts.url, ann.token);
  const client = await connectMcp(ann.token);
  const bobs = await connectMcp(bob.token);
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    const add = tools.find((t) => t.name === 'add_tasks')!;
    expect(add.inputSchema).toMatchObject({ type: 'object', required: ['tasks'] });

    const added = await call(client, 'add_tasks', {
      tasks: [{ text: 'call mum tomorrow at 6pm @family p1' }],
    });
    expect(added.isError).toBeFalsy();
    const [task] = (added.structuredContent as { tasks: TaskView[] }).tasks;
    expect(task).toMatchObject({ title: 'call mum', priority: 'high', tags: ['family'], status: 'open' });
    expect(task!.dueAt).not.toBeNull();
    expect(added.text).toContain(task!.id);
    await socket.waitFor((m) => m.some((x) => x.type === 'task.upserted' && x.task.id === task!.id));

    const found = await call(client, 'find_tasks', { q: 'mum' });
    expect((found.structuredContent as { items: TaskView[] }).items.map((t) => t.id)).toEqual([task!.id]);
    const byFilter = await call(client, 'find_tasks', { filter: '@family & p1' });
    expect((byFilter.structuredContent as { items: TaskView[] }).items.map((t) => t.id)).toEqual([task!.id]);

    // The second user sees nothing of the first's, and cannot act on it.
    const theirs = await call(bobs, 'find_tasks', { status: 'all' });
    expect((theirs.structuredContent as { items: TaskView[] }).items).toEqual([]);
    const refused = await call(bobs, 'complete_task', { id: task!.id });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent).toMatchObject({ problem: { status: 404 } });

    const done = await call(client, 'complete_task', { id: task!.id, version: task!.version });
    expect(done.isError).toBeFalsy();
    expect((done.structuredContent as { task: TaskView }).task.status).toBe('completed');
    await socket.waitFor((m) =>
      m.some((x) => x.type === 'task.upserted' && x.task.id === task!.id && x.task.status === 'completed'),
    );
    const rest = await fetch(`${ts.url}/api/tasks/${task!.id}`, {
      headers: { authorization: `Bearer ${ann.token}` },
    });
    expect(((await rest.json()) as TaskView).status).toBe('completed');
  } finally {
    await Promise.all([client.close(), bobs.close(), socket.close()]);
  }
}
