import type { CreateTask } from '@todo/contracts';
import type { TaskFields } from '@todo/domain';
import { deterministicUuid } from '../deterministic-id.ts';
import { nextOccurrence } from './next-occurrence.ts';

/** An occurrence that was just closed: completed or skipped. */
export interface ClosedOccurrence {
  taskId: string;
  /** The task as it was when it was closed (later edits do not change what comes next). */
  task: TaskFields;
  closedAt: string;
  /** The completion (or skip) event: the cause recorded on the next occurrence. */
  closingEventId: string;
}

export interface NextOccurrenceDecision {
  command: CreateTask;
  /** The id of the created event, fixed so a repeated attempt cannot write it twice. */
  eventId: string;
}

/**
 * What the recurrence saga does about a closed occurrence: create exactly one next
 * occurrence in the same series, or nothing when the task does not repeat or the series
 * has ended. The next task's id depends only on the closed task, so even a reopen and a
 * second completion cannot give the same occurrence two successors.
 */
export function decideNextOccurrence(closed: ClosedOccurrence): NextOccurrenceDecision | null {
  const { task } = closed;
  if (!task.recurrence || task.dueAt === null) return null;
  const next = nextOccurrence(
    {
      dueAt: task.dueAt,
      timezone: task.timezone,
      allDay: task.allDay,
      recurrence: task.recurrence,
      reminders: task.reminders,
    },
    closed.closedAt,
  );
  if (!next) return null;
  return {
    eventId: deterministicUuid(`recurrence:created-by:${closed.closingEventId}`),
    command: {
      type: 'CreateTask',
      taskId: nextOccurrenceId(closed.taskId),
      title: task.title,
      description: task.description,
      priority: task.priority,
      tags: task.tags,
      dueAt: next.dueAt,
      allDay: task.allDay,
      timezone: task.timezone,
      recurrence: next.recurrence,
      reminders: next.reminders,
      seriesId: task.seriesId ?? closed.taskId,
      listId: task.listId,
      spawnedFrom: { taskId: closed.taskId, eventId: closed.closingEventId },
    },
  };
}

export function nextOccurrenceId(taskId: string): string {
  return deterministicUuid(`recurrence:next-of:${taskId}`);
}
