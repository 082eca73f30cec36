import { describe, expect, it } from '@jest/globals';
import { AddTasksInput } from '@todo/contracts';
import { toolsFor } from '../todo-mcp-server.ts';
import { fieldErrorsOf } from './tool.ts';

const names = (scopes: string[] | undefined) => toolsFor(scopes).map((t) => t.name);

describe('which tools a caller sees', () => {
  it('given a token with every scope (or a session, whose /api/me names none): all ten', () => {
    expect(names(['tasks:read', 'tasks:write'])).toHaveLength(10);
    expect(names(undefined)).toEqual(names(['tasks:read', 'tasks:write']));
  });

  it('given a read-only token: only the tools that write nothing', () => {
    expect(names(['tasks:read'])).toEqual(['overview', 'find_tasks', 'task_history']);
    expect(toolsFor(['tasks:read']).every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it('given a token with no task scope: none', () => {
    expect(names([])).toEqual([]);
  });
});

describe('argument errors, named as REST names them', () => {
  it('joins the path with dots and lists unknown fields by name', () => {
    const parsed = AddTasksInput.safeParse({
      tasks: [{ title: 'ok' }, { title: ' ', colour: 'red' }],
      extra: 1,
    });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual(
      expect.arrayContaining([
        { field: 'tasks.1.title', message: 'title must not be empty' },
        { field: 'tasks.1.colour', message: 'unknown field(s): colour' },
        { field: 'extra', message: 'unknown field(s): extra' },
      ]),
    );
  });

  it('names the title of a task that gives neither a title nor a text', () => {
    const parsed = AddTasksInput.safeParse({ tasks: [{ priority: 'high' }] });
    expect(fieldErrorsOf(parsed.error!)).toEqual([
      { field: 'tasks.0.title', message: 'give a title or a text' },
    ]);
  });
});
