import { FindTasksInput, type TaskListResponse } from '@todo/contracts';
import { taskLines } from './task-text.ts';
import { defineTool, READ_SCOPE } from './tool.ts';

function listText(list: TaskListResponse): string {
  if ('groups' in list) {
    return list.groups
      .map((g) => `${g.filter} (${g.items.length}${g.nextCursor ? '+' : ''}):\n${taskLines(g.items)}`)
      .join('\n\n');
  }
  const more = list.nextCursor ? `\nMore: call again with cursor "${list.nextCursor}".` : '';
  return `${list.items.length} task${list.items.length === 1 ? '' : 's'}:\n${taskLines(list.items)}${more}`;
}

export const findTasks = defineTool({
  name: 'find_tasks',
  title: 'Find tasks',
  description:
    "List the user's tasks, as GET /api/tasks does: `q` searches titles and descriptions; `filter` takes the filter language (`today & p1 | overdue`, `@waiting`, `due before: next friday`, `search: invoice`; a `,` gives several lists); `dueFrom`/`dueTo` bound the due instant (both included); `status` is open by default. Each task line ends with its id and version.",
  scope: READ_SCOPE,
  annotations: { readOnlyHint: true },
  input: FindTasksInput,
  run: async (api, input) => {
    const list = await api.list(input);
    return { text: listText(list), structured: list };
  },
});
