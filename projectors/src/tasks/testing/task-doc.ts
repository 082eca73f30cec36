import { FIXTURE_TIME } from '@todo/contracts/testing';
import type { TaskDoc } from '../task-doc.ts';

/**
 * A plain task document for the projection's specs, with whatever a case needs overridden.
 * Its ids are fixed (the same document twice is equal); a spec that stores several gives each
 * its own.
 */
export function taskDoc(overrides: Partial<TaskDoc> = {}): TaskDoc {
  return {
    id: '0b0e4c36-7b7a-4a39-9d5e-2b6c0f6d9a11',
    userId: '5f1b7a8e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
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
    listId: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    version: 1,
    ...overrides,
  };
}
