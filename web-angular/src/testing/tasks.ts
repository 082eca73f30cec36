import type { TaskView } from '@todo/contracts';
import { taskView } from '@todo/contracts/testing';

/** A task as the query API returns it, with overrides for what a test cares about. */
export function aTask(overrides: Partial<TaskView> = {}): TaskView {
  return taskView({ id: 'task-1', ...overrides });
}
