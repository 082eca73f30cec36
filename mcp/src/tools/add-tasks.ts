import {
  AddTasksInput,
  createBodyFromParse,
  type CreateTaskBody,
  type McpNewTask,
  type TaskView,
} from '@todo/contracts';
import { ApiProblem, type TodoApi } from '../todo-api.ts';
import { taskLines } from './task-text.ts';
import { defineTool, WRITE_SCOPE } from './tool.ts';

/**
 * The REST body of one new task: the text's reading (the body quick-add sends for it), then
 * the fields given, which win.
 */
async function bodyOf(api: TodoApi, task: McpNewTask): Promise<CreateTaskBody> {
  const { text, ...fields } = task;
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const base: Partial<CreateTaskBody> =
    text === undefined ? {} : createBodyFromParse(text, await api.parse(text));
  const title = fields.title ?? base.title;
  if (title === undefined) throw new Error('a task without a title passed the input schema');
  return { ...base, ...given, title };
}

export const addTasks = defineTool({
  name: 'add_tasks',
  title: 'Add tasks',
  description:
    'Create one or more tasks (up to 50). Each is either REST fields (title, description, priority, tags, dueAt, allDay, timezone, recurrence, reminders) or a `text` in plain English that the NL engine reads ("pay rent every month on the 1st p1"), or both: given fields win over what the text says. Pass an idempotencyKey to retry safely.',
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: AddTasksInput,
  run: async (api, input) => {
    const created: TaskView[] = [];
    for (const [index, task] of input.tasks.entries()) {
      try {
        const body = await bodyOf(api, task);
        const key = input.idempotencyKey ? `${input.idempotencyKey}-${index + 1}` : undefined;
        const { id } = await api.create(body, key);
        created.push(await api.get(id));
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        // Those before stay created: say which, so a retry (with the same key) is safe.
        const { errors, ...problem } = error.problem;
        throw new ApiProblem(
          {
            ...problem,
            errors: (errors ?? [{ field: '', message: problem.detail ?? problem.title }]).map((e) => ({
              ...e,
              field: e.field ? `tasks.${index}.${e.field}` : `tasks.${index}`,
            })),
          },
          created.length ? `Created before it: ${created.map((t) => t.id).join(', ')}` : undefined,
        );
      }
    }
    return {
      text: `Added ${created.length} task${created.length === 1 ? '' : 's'}:\n${taskLines(created)}`,
      structured: { tasks: created },
    };
  },
});
