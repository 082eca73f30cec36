import { SnoozeReminderInput } from '@todo/contracts';
import { changed } from './change-task.ts';
import { defineTool, WRITE_SCOPE } from './tool.ts';

export const snoozeReminder = defineTool({
  name: 'snooze_reminder',
  title: 'Snooze a reminder',
  description:
    'Make a reminder of a task go off again `minutes` from now. The reminder ids are in the task lines of find_tasks.',
  scope: WRITE_SCOPE,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: SnoozeReminderInput,
  run: async (api, input) => {
    await api.snooze(input.id, input.reminderId, input.minutes);
    const out = await changed(api, input.id, `Snoozed reminder ${input.reminderId} for ${input.minutes} min`);
    return out;
  },
});
