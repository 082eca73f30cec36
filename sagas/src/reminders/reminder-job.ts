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

export function isReminderJob(data: Record<string, unknown>): data is ReminderJobData {
  return data.kind === 'reminder' && typeof data.taskId === 'string' && typeof data.reminderId === 'string';
}

/** The reminder-fired event's id: one per reminder and instant, so a repeat cannot be appended. */
export function reminderFiredEventId(taskId: string, reminderId: string, scheduledFor: string): string {
  return deterministicUuid(`reminder:fired:${taskId}:${reminderId}:${new Date(scheduledFor).toISOString()}`);
}
