import { FIXTURE_TIME, taskCreatedData } from '@todo/contracts/testing';
import type { TaskDoc } from '../task-doc.ts';

/**
 * A plain task document for the projection's specs, with whatever a case needs overridden:
 * the contracts' plain task as created (as their `taskView` fixture builds on it), with the
 * owner and the fields a projection keeps. Its ids are fixed (the same document twice is
 * equal); a spec that stores several gives each its own.
 */
export function taskDoc(overrides: Partial<TaskDoc> = {}): TaskDoc {
  const { spawnedFrom: _spawnedFrom, ...created } = taskCreatedData();
  return {
    ...created,
    id: '0b0e4c36-7b7a-4a39-9d5e-2b6c0f6d9a11',
    userId: '5f1b7a8e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    status: 'open',
    completedAt: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    version: 1,
    ...overrides,
  };
}
