import type { TaskView } from '@todo/contracts';

/** A task as the query API returns it, with overrides for what a test cares about. */
export function aTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 'task-1',
    title: 'A task',
    description: '',
    priority: 'none',
    tags: [],
    dueAt: null,
    allDay: false,
    timezone: 'UTC',
    recurrence: null,
    reminders: [],
    status: 'open',
    completedAt: null,
    seriesId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
