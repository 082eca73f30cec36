import { TaskHistoryInput } from '@todo/contracts';
import { defineTool, READ_SCOPE } from './tool.ts';

export const taskHistory = defineTool({
  name: 'task_history',
  title: 'History of a task',
  description: 'Every event of a task, oldest first: what changed, when, and what caused it.',
  scope: READ_SCOPE,
  annotations: { readOnlyHint: true },
  input: TaskHistoryInput,
  run: async (api, input) => {
    const history = await api.history(input.id);
    const lines = history.items.map((e) => `- v${e.version} ${e.time} ${e.type} ${JSON.stringify(e.data)}`);
    return {
      text: `${history.items.length} event${history.items.length === 1 ? '' : 's'} of task ${input.id}:\n${lines.join('\n')}`,
      structured: history,
    };
  },
});
