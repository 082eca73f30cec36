import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  type TaskEvent,
  type TaskFields as EditableFields,
} from '@todo/contracts';

/** What the decider needs to know about a task: rebuilt from its events by `evolve`. */
export type TaskFields = EditableFields & { seriesId: string | null };

export type TaskState =
  | { status: 'none' }
  | ({ status: 'open' } & TaskFields)
  | ({ status: 'completed'; completedAt: string } & TaskFields)
  | { status: 'deleted' };

export const initialState: TaskState = { status: 'none' };

export function evolve(state: TaskState, event: TaskEvent): TaskState {
  switch (event.type) {
    case TASK_CREATED: {
      const { spawnedFrom: _spawnedFrom, ...fields } = event.data;
      return { status: 'open', ...fields };
    }
    case TASK_UPDATED:
      if (state.status !== 'open' && state.status !== 'completed') return state;
      return { ...state, ...event.data.changes };
    case TASK_COMPLETED:
      if (state.status !== 'open') return state;
      return { ...state, status: 'completed', completedAt: event.data.completedAt };
    case TASK_REOPENED: {
      if (state.status !== 'completed') return state;
      const { completedAt: _completedAt, ...rest } = state;
      return { ...rest, status: 'open' };
    }
    case TASK_DELETED:
      return { status: 'deleted' };
    case TASK_OCCURRENCE_SKIPPED:
      // A skipped occurrence is closed like a completed one (it just was not done).
      if (state.status !== 'open') return state;
      return { ...state, status: 'completed', completedAt: event.data.skippedAt };
    case TASK_REMINDER_FIRED:
    case TASK_REMINDER_SNOOZED:
    case TASK_REMINDER_EMAILED:
      // History for the reminder saga; nothing the decider needs to remember.
      return state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
