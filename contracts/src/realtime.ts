import { z } from 'zod';
import { TaskView } from './rest.ts';
import { ListView } from './lists.ts';
import { BIGINT_MAX, decimalAtMostPattern } from './sequence-number.ts';

/**
 * Realtime messages (WebSocket `/ws` and SSE `/api/stream`), one JSON object per change,
 * in the user's log order. Positions are decimal strings (they may exceed 2^53): compare
 * them with BigInt, never as numbers. See docs/realtime.md for the position scheme.
 */
/** Two positions per event of the user (see docs/realtime.md), so at most twice a bigint. */
export const REALTIME_POSITION_MAX = 2n * BIGINT_MAX;
export const REALTIME_POSITION_PATTERN = decimalAtMostPattern(REALTIME_POSITION_MAX);
export const RealtimePosition = z
  .string()
  .regex(REALTIME_POSITION_PATTERN, 'must be a position from a previous message');
export type RealtimePosition = z.infer<typeof RealtimePosition>;

export const TaskUpsertedMessage = z.object({
  type: z.literal('task.upserted'),
  position: RealtimePosition,
  task: TaskView,
});
export type TaskUpsertedMessage = z.infer<typeof TaskUpsertedMessage>;

export const TaskDeletedMessage = z.object({
  type: z.literal('task.deleted'),
  position: RealtimePosition,
  taskId: z.string(),
});
export type TaskDeletedMessage = z.infer<typeof TaskDeletedMessage>;

/** A list was created or changed (renamed, recoloured, reordered, archived, unarchived). */
export const ListUpsertedMessage = z.object({
  type: z.literal('list.upserted'),
  position: RealtimePosition,
  list: ListView,
});
export type ListUpsertedMessage = z.infer<typeof ListUpsertedMessage>;

/** A list was deleted; its tasks' own messages (moved to the Inbox, or deleted) follow. */
export const ListDeletedMessage = z.object({
  type: z.literal('list.deleted'),
  position: RealtimePosition,
  listId: z.string(),
});
export type ListDeletedMessage = z.infer<typeof ListDeletedMessage>;

export const ReminderDueMessage = z.object({
  type: z.literal('reminder.due'),
  position: RealtimePosition,
  taskId: z.string(),
  reminderId: z.string(),
  scheduledFor: z.string(),
  firedAt: z.string(),
});
export type ReminderDueMessage = z.infer<typeof ReminderDueMessage>;

/**
 * The user's saved views changed (created, renamed, refiltered, reordered or deleted, maybe
 * in another tab): reload them with `GET /api/views`.
 */
export const ViewsChangedMessage = z.object({
  type: z.literal('views.changed'),
  position: RealtimePosition,
  viewId: z.string().nullable(),
});
export type ViewsChangedMessage = z.infer<typeof ViewsChangedMessage>;

/** Why the server cannot continue the stream; the client reloads via the query API. */
export const RESYNC_REASONS = ['position-too-old', 'unknown-position', 'slow-consumer'] as const;
export const ResyncReason = z.enum(RESYNC_REASONS);
export type ResyncReason = z.infer<typeof ResyncReason>;

/**
 * The stream cannot continue from where the client is: reload the tasks via the query API,
 * then reconnect with `after=position` (changes after it that the reload already shows
 * arrive again; apply them by task version). The server closes the connection after it.
 */
export const ResyncMessage = z.object({
  type: z.literal('resync'),
  position: RealtimePosition,
  reason: ResyncReason,
});
export type ResyncMessage = z.infer<typeof ResyncMessage>;

/**
 * The first message of every stream that starts (not of one that gets `resync`): the
 * position the stream continues after, fixed before the client saw the stream open. Every
 * change after it follows; a client that connected without a position learns where it
 * stands and resumes from here (or from a later message) after a reconnect.
 */
export const HelloMessage = z.object({
  type: z.literal('hello'),
  position: RealtimePosition,
});
export type HelloMessage = z.infer<typeof HelloMessage>;

export const RealtimeMessage = z.discriminatedUnion('type', [
  HelloMessage,
  TaskUpsertedMessage,
  TaskDeletedMessage,
  ReminderDueMessage,
  ViewsChangedMessage,
  ListUpsertedMessage,
  ListDeletedMessage,
  ResyncMessage,
]);
export type RealtimeMessage = z.infer<typeof RealtimeMessage>;

/** `POST /api/realtime/ticket`: single use, valid for `expiresInSeconds` (30). */
export const RealtimeTicket = z.object({ ticket: z.string(), expiresInSeconds: z.number().int() });
export type RealtimeTicket = z.infer<typeof RealtimeTicket>;

/** WebSocket close codes the server uses (besides 1001 when it shuts down). */
export const REALTIME_CLOSE_CODES = {
  /** Sent right after a `resync` message. */
  resync: 4000,
  /**
   * The token the stream was opened with has expired: reconnect with a fresh ticket (one
   * that a valid token buys), resuming from the last position.
   */
  tokenExpired: 4001,
} as const;
