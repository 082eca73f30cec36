import type { RealtimeMessage } from '@todo/contracts';

/** The realtime messages of @todo/contracts (types only: the zod schemas stay off the bundle). */
export type {
  HelloMessage,
  ListDeletedMessage,
  ListUpsertedMessage,
  RealtimeMessage,
  ReminderDueMessage,
  ResyncMessage,
  TaskDeletedMessage,
  TaskUpsertedMessage,
  ViewsChangedMessage,
} from '@todo/contracts';

const TYPES = new Set([
  'hello',
  'task.upserted',
  'task.deleted',
  'reminder.due',
  'views.changed',
  'list.upserted',
  'list.deleted',
  'resync',
]);

/**
 * A cheap structural check instead of the zod schema (which would put zod in the bundle):
 * the server is ours, so the type and the position are what must be right.
 */
export function parseRealtimeMessage(data: string): RealtimeMessage | null {
  try {
    const value = JSON.parse(data) as { type?: unknown; position?: unknown };
    if (typeof value.type !== 'string' || !TYPES.has(value.type)) return null;
    if (typeof value.position !== 'string' || !/^\d+$/.test(value.position)) return null;
    return value as RealtimeMessage;
  } catch {
    return null;
  }
}

/** True when position a comes strictly after b (null = before everything); BigInt, as positions may exceed 2^53. */
export function isAfter(a: string, b: string | null): boolean {
  return b === null || BigInt(a) > BigInt(b);
}
