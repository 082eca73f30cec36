import { TaskRefInput, UpdateTaskInput, type TaskView } from '@todo/contracts';
import type { TodoApi, WriteOptions } from '../todo-api.ts';
import { taskLine } from './task-text.ts';
import { defineTool, WRITE_SCOPE, type ToolOutput } from './tool.ts';

const versionOf = (input: { version?: number | undefined }): WriteOptions =>
  input.version === undefined ? {} : { expectedVersion: input.version };

/** The task as it is after the write (the read side waits for its own writes). */
export async function changed(api: TodoApi, id: string, what: string): Promise<ToolOutput> {
  const task: TaskView = await api.get(id);
  return { text: `${what}: ${taskLine(task)}`, structured: { task } };
}

const VERSION_HINT = ' Pass `version` (from find_tasks) to refuse the change if the task changed meanwhile.';

export const updateTask = defineTool({
  name: 'update_task',
  title: 'Update a task',
  description: `Change fields of a task (the PATCH /api/tasks/{id} body under \`changes\`: title, description, priority, tags, dueAt, allDay, timezone, recurrence, reminders).${VERSION_HINT}`,
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: UpdateTaskInput,
  run: async (api, input) => {
    await api.update(input.id, input.changes, versionOf(input));
    return changed(api, input.id, 'Updated');
  },
});

export const completeTask = defineTool({
  name: 'complete_task',
  title: 'Complete a task',
  description: `Mark a task done; a recurring task's next occurrence is then created.${VERSION_HINT}`,
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: TaskRefInput,
  run: async (api, input) => {
    await api.complete(input.id, versionOf(input));
    return changed(api, input.id, 'Completed');
  },
});

export const reopenTask = defineTool({
  name: 'reopen_task',
  title: 'Reopen a task',
  description: `Mark a completed task open again.${VERSION_HINT}`,
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: TaskRefInput,
  run: async (api, input) => {
    await api.reopen(input.id, versionOf(input));
    return changed(api, input.id, 'Reopened');
  },
});

export const deleteTask = defineTool({
  name: 'delete_task',
  title: 'Delete a task',
  description: `Delete a task (its history stays in the audit trail).${VERSION_HINT}`,
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: TaskRefInput,
  run: async (api, input) => {
    await api.remove(input.id, versionOf(input));
    return { text: `Deleted task ${input.id}.`, structured: { deleted: { id: input.id } } };
  },
});
