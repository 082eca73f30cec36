import { addTasks } from './add-tasks.ts';
import { completeTask, deleteTask, reopenTask, updateTask } from './change-task.ts';
import { findTasks } from './find-tasks.ts';
import { overview } from './overview.ts';
import { rescheduleTask } from './reschedule-task.ts';
import { snoozeReminder } from './snooze-reminder.ts';
import { taskHistory } from './task-history.ts';
import type { TodoTool } from './tool.ts';

/** The workflow tools, in the order tools/list shows them. */
export const TOOLS: readonly TodoTool[] = [
  overview,
  findTasks,
  taskHistory,
  addTasks,
  updateTask,
  rescheduleTask,
  completeTask,
  reopenTask,
  deleteTask,
  snoozeReminder,
];

export { READ_SCOPE, WRITE_SCOPE, type TodoTool, type ToolOutput } from './tool.ts';
