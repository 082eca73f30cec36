import type { TaskView } from '@todo/contracts';

/**
 * The realtime messages of issue 4 as the SPA reads them. Positions are decimal strings
 * (they may exceed 2^53), compared as BigInt.
 * When the realtime service publishes these in @todo/contracts, re-export them from here.
 */
export interface TaskUpsertedMessage {
  type: 'task.upserted';
  position: string;
  task: TaskView;
}
export interface TaskDeletedMessage {
  type: 'task.deleted';
  position: string;
  taskId: string;
}
export interface ReminderDueMessage {
  type: 'reminder.due';
  position: string;
  taskId: string;
  reminderId: string;
  scheduledFor: string;
  firedAt: string;
}
export interface ResyncMessage {
  type: 'resync';
  position?: string;
}
export type RealtimeMessage = TaskUpsertedMessage | TaskDeletedMessage | ReminderDueMessage | ResyncMessage;

const TYPES = new Set(['task.upserted', 'task.deleted', 'reminder.due', 'resync']);

export function parseRealtimeMessage(data: string): RealtimeMessage | null {
  try {
    const value = JSON.parse(data) as { type?: unknown; position?: unknown };
    if (typeof value.type !== 'string' || !TYPES.has(value.type)) return null;
    if (value.type !== 'resync' && (typeof value.position !== 'string' || !/^\d+$/.test(value.position))) return null;
    return value as RealtimeMessage;
  } catch {
    return null;
  }
}

/** True when position a comes strictly after b (null = before everything). */
export function isAfter(a: string, b: string | null): boolean {
  return b === null || BigInt(a) > BigInt(b);
}
