import { z } from 'zod';
import { Instant } from './task-fields.ts';

/**
 * Task events written by the series operations and the reminder saga. They live on the
 * task's own stream (and in the `TaskEvent` union), so the task's history says when a
 * reminder fired or an occurrence was skipped.
 */
export const TASK_OCCURRENCE_SKIPPED = 'todo.task.occurrence-skipped.v1';
export const TASK_REMINDER_FIRED = 'todo.task.reminder-fired.v1';
export const TASK_REMINDER_SNOOZED = 'todo.task.reminder-snoozed.v1';
export const TASK_REMINDER_EMAILED = 'todo.task.reminder-emailed.v1';

/**
 * This occurrence is closed without being done (the task counts as closed, like a
 * completed one); the recurrence saga spawns the next occurrence as for a completion.
 */
export const OccurrenceSkippedData = z.strictObject({ skippedAt: Instant });
export type OccurrenceSkippedData = z.infer<typeof OccurrenceSkippedData>;

/**
 * A reminder went off. `scheduledFor` is the instant it was due, `firedAt` when it was
 * handed to the log (never before `scheduledFor`); `late` marks a firing delayed by
 * downtime rather than by normal latency.
 */
export const ReminderFiredData = z.strictObject({
  reminderId: z.string(),
  scheduledFor: Instant,
  firedAt: Instant,
  late: z.boolean(),
});
export type ReminderFiredData = z.infer<typeof ReminderFiredData>;

/** The reminder goes off again at `snoozedUntil` (instead of anything still pending). */
export const ReminderSnoozedData = z.strictObject({ reminderId: z.string(), snoozedUntil: Instant });
export type ReminderSnoozedData = z.infer<typeof ReminderSnoozedData>;

/**
 * What became of the email of one firing (`firingId`, the reminder-fired event's id): sent
 * to the user's verified address after `attempts` tries, or given up on with the last error.
 * `messageId` is the mail's Message-ID, the same on every try of that firing.
 */
export const ReminderEmailedData = z.strictObject({
  reminderId: z.string(),
  firingId: z.string(),
  outcome: z.enum(['delivered', 'failed']),
  attempts: z.int().min(1),
  messageId: z.string(),
  error: z.string().nullable(),
});
export type ReminderEmailedData = z.infer<typeof ReminderEmailedData>;

export const SNOOZE_MINUTES_MAX = 60 * 24 * 7;
export const SnoozeBody = z.strictObject({ minutes: z.int().min(1).max(SNOOZE_MINUTES_MAX) });
export type SnoozeBody = z.infer<typeof SnoozeBody>;
