import { deterministicUuid } from '../deterministic-id.ts';

/** What a reminder's scheduled job carries: enough to fire it without reading anything first. */
export interface ReminderJobData {
  [key: string]: unknown;
  kind: 'reminder';
  taskId: string;
  userId: string;
  reminderId: string;
  scheduledFor: string;
}

/**
 * One job per reminder of a task: scheduling it again replaces it (a moved or snoozed
 * reminder), so at most one firing of a reminder is ever pending. Letters, digits, `_`
 * and `-` only, which every adapter (and a URL path) accepts.
 */
export function reminderJobName(taskId: string, reminderId: string): string {
  return `reminder_${taskId}_${reminderId}`;
}

/** A task id the store can look up (a job's data is only as good as whoever wrote it). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A reminder job that can be fired: anything else (another kind, or data no saga wrote: an
 * id the store cannot look up, an instant that is no date) is dropped, not retried for ever.
 */
export function isReminderJob(data: unknown): data is ReminderJobData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    d.kind === 'reminder' &&
    typeof d.taskId === 'string' &&
    UUID.test(d.taskId) &&
    typeof d.userId === 'string' &&
    typeof d.reminderId === 'string' &&
    typeof d.scheduledFor === 'string' &&
    !Number.isNaN(new Date(d.scheduledFor).getTime())
  );
}

/** The reminder-fired event's id: one per reminder and instant, so a repeat cannot be appended. */
export function reminderFiredEventId(taskId: string, reminderId: string, scheduledFor: string): string {
  return deterministicUuid(`reminder:fired:${taskId}:${reminderId}:${new Date(scheduledFor).toISOString()}`);
}
