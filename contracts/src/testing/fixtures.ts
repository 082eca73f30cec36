import { TASK_CREATED, type TaskCreatedData } from '../events.ts';
import type { TaskView } from '../rest.ts';

/** When fixtures were made: a fixed instant, so no test depends on the machine's date. */
export const FIXTURE_TIME = '2026-01-01T00:00:00.000Z';

/** Test and benchmark data: a plain task, with whatever a case needs overridden. */
export function taskCreatedData(overrides: Partial<TaskCreatedData> = {}): TaskCreatedData {
  return {
    title: 'A task',
    description: '',
    priority: 'none',
    tags: [],
    dueAt: null,
    allDay: false,
    timezone: 'UTC',
    recurrence: null,
    reminders: [],
    seriesId: null,
    spawnedFrom: null,
    listId: null,
    ...overrides,
  };
}

export function taskCreatedEvent(overrides: Partial<TaskCreatedData> = {}) {
  return { type: TASK_CREATED, data: taskCreatedData(overrides) };
}

/** A task as GET /api/tasks/:id shows it. */
export function taskView(overrides: Partial<TaskView> & { id: string }): TaskView {
  const { seriesId, spawnedFrom: _spawnedFrom, ...fields } = taskCreatedData();
  return {
    ...fields,
    seriesId,
    status: 'open',
    completedAt: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    version: 1,
    ...overrides,
  };
}
