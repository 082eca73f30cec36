import { TASK_CREATED, type TaskCreatedData } from '../events.ts';
import type { TaskView } from '../rest.ts';

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
    ...overrides,
  };
}

export function taskCreatedEvent(overrides: Partial<TaskCreatedData> = {}) {
  return { type: TASK_CREATED, data: taskCreatedData(overrides) };
}

/** A task as GET /api/tasks/:id shows it. */
export function taskView(overrides: Partial<TaskView> & { id: string }): TaskView {
  const now = new Date().toISOString();
  const { seriesId, spawnedFrom: _spawnedFrom, ...fields } = taskCreatedData();
  return {
    ...fields,
    seriesId,
    status: 'open',
    completedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}
