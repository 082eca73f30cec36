import type { CreateTask, CreateTaskBody } from '@todo/contracts';
import { withReminderIds } from './reminder-ids.ts';

export interface NewTaskContext {
  /** The new task's id, minted by the caller. */
  taskId: string;
  /** The user's zone: the task's zone when the input names none. */
  timezone: string;
  /** Ids for reminders that come without one. */
  ids: { next(): string };
}

/**
 * The CreateTask command for a new task from what a user gave (a REST body, or what the chat
 * understood, both validated as `CreateTaskBody`): the defaults for what was left out, ids
 * for the reminders, and a recurring task starts its own series.
 */
export function newTaskCommand(input: CreateTaskBody, context: NewTaskContext): CreateTask {
  const { taskId } = context;
  return {
    type: 'CreateTask',
    taskId,
    title: input.title,
    description: input.description ?? '',
    priority: input.priority ?? 'none',
    tags: input.tags ?? [],
    dueAt: input.dueAt ?? null,
    allDay: input.allDay ?? false,
    timezone: input.timezone ?? context.timezone,
    recurrence: input.recurrence ?? null,
    reminders: withReminderIds(input.reminders ?? [], context.ids),
    seriesId: input.recurrence ? taskId : null,
    spawnedFrom: null,
    listId: input.listId ?? null,
  };
}
