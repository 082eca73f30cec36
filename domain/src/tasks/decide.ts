import {
  occurrenceProblem,
  SeriesId,
  rruleProblem,
  wallClockOf,
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  type CompleteTask,
  type CreateTask,
  type DeleteTask,
  type RecordReminderEmailed,
  type RecordReminderFired,
  type SkipOccurrence,
  type SnoozeReminder,
  type ReopenTask,
  type TaskChanges,
  type TaskCommand,
  type TaskEvent,
  type UpdateTask,
} from '@todo/contracts';
import { TaskRuleViolation } from './errors.ts';
import type { TaskFields, TaskState } from './task.ts';

type Live = Extract<TaskState, { status: 'open' | 'completed' }>;

function requireLive(state: TaskState): Live {
  if (state.status === 'none') throw new TaskRuleViolation('task-not-found', 'no such task');
  if (state.status === 'deleted') throw new TaskRuleViolation('task-deleted', 'the task was deleted');
  return state;
}

/** A rule and relative reminders are anchored on the due time, so they need one. */
function requireDueWhereNeeded(fields: Pick<TaskFields, 'dueAt' | 'recurrence' | 'reminders'>): void {
  if (fields.dueAt !== null) return;
  if (fields.recurrence) {
    throw new TaskRuleViolation(
      'needs-due-date',
      'a recurring task needs a due date (its first occurrence)',
      'recurrence',
    );
  }
  const relative = fields.reminders.findIndex((r) => 'minutesBefore' in r);
  if (relative >= 0) {
    throw new TaskRuleViolation(
      'needs-due-date',
      'a reminder "minutes before" needs a due date',
      `reminders.${relative}.minutesBefore`,
    );
  }
}

/**
 * A rule that never comes round would make every expansion of it search in vain (and, before
 * the search was bounded, block the process): it must occur within a bounded window after
 * its start, the task's due time on its own wall clock. The search is bounded too.
 */
function requireRuleOccurs(fields: Pick<TaskFields, 'dueAt' | 'timezone' | 'recurrence'>): void {
  if (!fields.recurrence) return;
  const { rrule } = fields.recurrence;
  // Commands built from language (chat) reach the decider without the REST schema.
  const problem =
    rruleProblem(rrule) ??
    occurrenceProblem(rrule, fields.dueAt === null ? null : wallClockOf(fields.dueAt, fields.timezone));
  if (problem) {
    throw new TaskRuleViolation('rule-never-occurs', `invalid RRULE: ${problem}`, 'recurrence.rrule');
  }
}

/**
 * The series id is set by the code that builds the command (REST, chat, the recurrence
 * saga), never typed by a user; this is the one place all of them pass, so a bad one is
 * refused here instead of being logged and then refused by the read model.
 */
function requireSeriesId(seriesId: string | null): void {
  if (seriesId === null) return;
  const parsed = SeriesId.safeParse(seriesId);
  if (!parsed.success) {
    throw new TaskRuleViolation('invalid-series-id', parsed.error.issues[0]!.message, 'seriesId');
  }
}

export function createTask(command: CreateTask, state: TaskState): TaskEvent[] {
  if (state.status !== 'none') throw new TaskRuleViolation('task-exists', 'the task already exists');
  const { type: _type, taskId: _taskId, ...data } = command;
  requireSeriesId(data.seriesId);
  // The saga's next occurrence is due on an occurrence of this very rule; when nothing
  // follows it, the saga ends the series then.
  if (!data.spawnedFrom) requireRuleOccurs(data);
  requireDueWhereNeeded(data);
  return [{ type: TASK_CREATED, data }];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function updateTask(command: UpdateTask, state: TaskState): TaskEvent[] {
  const live = requireLive(state);
  const changes: TaskChanges = {};
  for (const [key, value] of Object.entries(command.changes) as [keyof TaskChanges, unknown][]) {
    if (value !== undefined && !same(live[key], value)) Object.assign(changes, { [key]: value });
  }
  if (Object.keys(changes).length === 0) return [];
  requireDueWhereNeeded({ ...live, ...changes });
  if ('recurrence' in changes || 'dueAt' in changes || 'timezone' in changes)
    requireRuleOccurs({ ...live, ...changes });
  return [{ type: TASK_UPDATED, data: { changes } }];
}

export function completeTask(command: CompleteTask, state: TaskState): TaskEvent[] {
  const live = requireLive(state);
  if (live.status === 'completed')
    throw new TaskRuleViolation('already-completed', 'the task is already completed');
  return [{ type: TASK_COMPLETED, data: { completedAt: command.completedAt } }];
}

export function reopenTask(_command: ReopenTask, state: TaskState): TaskEvent[] {
  const live = requireLive(state);
  if (live.status !== 'completed') throw new TaskRuleViolation('not-completed', 'the task is not completed');
  return [{ type: TASK_REOPENED, data: {} }];
}

export function deleteTask(_command: DeleteTask, state: TaskState): TaskEvent[] {
  requireLive(state);
  return [{ type: TASK_DELETED, data: {} }];
}

function requireOpen(state: TaskState): Extract<TaskState, { status: 'open' }> {
  const live = requireLive(state);
  if (live.status !== 'open')
    throw new TaskRuleViolation('already-completed', 'the task is already completed');
  return live;
}

function requireReminder(live: Live, reminderId: string): void {
  if (!live.reminders.some((r) => r.id === reminderId)) {
    throw new TaskRuleViolation('reminder-not-found', `the task has no reminder ${reminderId}`, 'reminderId');
  }
}

/** The occurrence is closed without being done; the recurrence saga spawns the next one. */
export function skipOccurrence(command: SkipOccurrence, state: TaskState): TaskEvent[] {
  const open = requireOpen(state);
  if (!open.recurrence) throw new TaskRuleViolation('not-recurring', 'only a recurring task can be skipped');
  return [{ type: TASK_OCCURRENCE_SKIPPED, data: { skippedAt: command.skippedAt } }];
}

/** A reminder only fires for an open task that still has it (a late cancel may race the timer). */
export function recordReminderFired(command: RecordReminderFired, state: TaskState): TaskEvent[] {
  const open = requireOpen(state);
  requireReminder(open, command.reminderId);
  const { reminderId, scheduledFor, firedAt, late } = command;
  return [{ type: TASK_REMINDER_FIRED, data: { reminderId, scheduledFor, firedAt, late } }];
}

export function snoozeReminder(command: SnoozeReminder, state: TaskState): TaskEvent[] {
  const open = requireOpen(state);
  requireReminder(open, command.reminderId);
  const { reminderId, snoozedUntil } = command;
  return [{ type: TASK_REMINDER_SNOOZED, data: { reminderId, snoozedUntil } }];
}

/**
 * What became of a firing's email is history even when the task was closed meanwhile (the
 * mail went out for a firing of an open task); a deleted task records nothing more.
 */
export function recordReminderEmailed(command: RecordReminderEmailed, state: TaskState): TaskEvent[] {
  requireLive(state);
  const { reminderId, firingId, outcome, attempts, messageId, error } = command;
  return [
    { type: TASK_REMINDER_EMAILED, data: { reminderId, firingId, outcome, attempts, messageId, error } },
  ];
}

export function decide(command: TaskCommand, state: TaskState): TaskEvent[] {
  switch (command.type) {
    case 'CreateTask':
      return createTask(command, state);
    case 'UpdateTask':
      return updateTask(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'ReopenTask':
      return reopenTask(command, state);
    case 'DeleteTask':
      return deleteTask(command, state);
    case 'SkipOccurrence':
      return skipOccurrence(command, state);
    case 'RecordReminderFired':
      return recordReminderFired(command, state);
    case 'SnoozeReminder':
      return snoozeReminder(command, state);
    case 'RecordReminderEmailed':
      return recordReminderEmailed(command, state);
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
