import type { TaskChanges, TaskCreatedData } from './events.ts';

/**
 * Commands as the task decider receives them: already validated, with ids and times
 * resolved by the caller (REST, chat or a saga), so deciding stays pure.
 */
export type CreateTask = { type: 'CreateTask'; taskId: string } & TaskCreatedData;

export interface UpdateTask {
  type: 'UpdateTask';
  taskId: string;
  changes: TaskChanges;
}

export interface CompleteTask {
  type: 'CompleteTask';
  taskId: string;
  completedAt: string;
}

export interface ReopenTask {
  type: 'ReopenTask';
  taskId: string;
}

export interface DeleteTask {
  type: 'DeleteTask';
  taskId: string;
}

/** Close this occurrence of a recurring task without doing it; the series moves on. */
export interface SkipOccurrence {
  type: 'SkipOccurrence';
  taskId: string;
  skippedAt: string;
}

/** Sent by the scheduler when a reminder is due; the firing becomes part of the task's history. */
export interface RecordReminderFired {
  type: 'RecordReminderFired';
  taskId: string;
  reminderId: string;
  scheduledFor: string;
  firedAt: string;
  late: boolean;
}

export interface SnoozeReminder {
  type: 'SnoozeReminder';
  taskId: string;
  reminderId: string;
  snoozedUntil: string;
}

/** Sent by the email worker once a firing's mail is delivered (or given up on). */
export interface RecordReminderEmailed {
  type: 'RecordReminderEmailed';
  taskId: string;
  reminderId: string;
  firingId: string;
  outcome: 'delivered' | 'failed';
  attempts: number;
  messageId: string;
  error: string | null;
}

export type TaskCommand =
  | CreateTask
  | UpdateTask
  | CompleteTask
  | ReopenTask
  | DeleteTask
  | SkipOccurrence
  | RecordReminderFired
  | SnoozeReminder
  | RecordReminderEmailed;
