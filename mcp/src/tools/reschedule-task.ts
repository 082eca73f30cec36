import { RescheduleTaskInput, type PatchTaskBody } from '@todo/contracts';
import type { TodoApi } from '../todo-api.ts';
import { changed } from './change-task.ts';
import { argumentsRefused, defineTool, WRITE_SCOPE } from './tool.ts';

/** The due date `when` says, read by the NL engine; null when it names none. */
async function dueOf(api: TodoApi, when: string): Promise<PatchTaskBody | null> {
  const { task } = await api.parse(when);
  if (!task?.dueAt) return null;
  return { dueAt: task.dueAt, allDay: task.allDay ?? false };
}

export const rescheduleTask = defineTool({
  name: 'reschedule_task',
  title: 'Reschedule a task',
  description:
    'Move a task to another date: `dueAt` (an ISO instant with an offset, or null for no date) or `when` in plain English ("next monday 9am", "in 3 days", "friday"). Pass `version` to refuse the change if the task changed meanwhile.',
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: RescheduleTaskInput,
  run: async (api, input) => {
    let changes: PatchTaskBody;
    if (input.when !== undefined) {
      const due = await dueOf(api, input.when);
      if (!due)
        return argumentsRefused([{ field: 'when', message: `no date understood in "${input.when}"` }]);
      changes = due;
    } else {
      changes = { dueAt: input.dueAt ?? null, ...(input.dueAt ? {} : { allDay: false }) };
    }
    await api.update(
      input.id,
      changes,
      input.version === undefined ? {} : { expectedVersion: input.version },
    );
    return changed(api, input.id, 'Rescheduled');
  },
});
