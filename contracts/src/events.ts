import { z } from 'zod';
import { Instant, TaskFieldsSchema } from './task-fields.ts';
import {
  OccurrenceSkippedData,
  ReminderEmailedData,
  ReminderFiredData,
  ReminderSnoozedData,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
} from './saga-events.ts';

/**
 * Task events: past tense, one stream per task, versioned type names. A new schema gets a
 * new version suffix and old events are upcast when read (`upcastEnvelope` in ./upcast.ts), never rewritten.
 */
export const TASK_CREATED = 'todo.task.created.v1';
export const TASK_UPDATED = 'todo.task.updated.v1';
export const TASK_COMPLETED = 'todo.task.completed.v1';
export const TASK_REOPENED = 'todo.task.reopened.v1';
export const TASK_DELETED = 'todo.task.deleted.v1';

/**
 * All occurrences of a recurring task share the id of the first one: a task id, so a UUID
 * (the read model's column is `uuid`). Older events may hold another string; the upcaster
 * drops it (`dropBadSeriesId` in ./upcast.ts).
 */
export const SeriesId = z.uuid({ message: 'must be a series id (the UUID of the first task)' });

export const TaskCreatedData = TaskFieldsSchema.extend({
  seriesId: SeriesId.nullable(),
  /** Set when the recurrence saga created this task: the completion that caused it. */
  spawnedFrom: z.strictObject({ taskId: z.string(), eventId: z.string() }).nullable(),
});
export type TaskCreatedData = z.infer<typeof TaskCreatedData>;

export const TaskChanges = TaskFieldsSchema.partial();
export type TaskChanges = z.infer<typeof TaskChanges>;

export const TaskUpdatedData = z.strictObject({ changes: TaskChanges });
export const TaskCompletedData = z.strictObject({ completedAt: Instant });
export const TaskReopenedData = z.strictObject({});
export const TaskDeletedData = z.strictObject({});

export const TaskEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(TASK_CREATED), data: TaskCreatedData }),
  z.strictObject({ type: z.literal(TASK_UPDATED), data: TaskUpdatedData }),
  z.strictObject({ type: z.literal(TASK_COMPLETED), data: TaskCompletedData }),
  z.strictObject({ type: z.literal(TASK_REOPENED), data: TaskReopenedData }),
  z.strictObject({ type: z.literal(TASK_DELETED), data: TaskDeletedData }),
  z.strictObject({ type: z.literal(TASK_OCCURRENCE_SKIPPED), data: OccurrenceSkippedData }),
  z.strictObject({ type: z.literal(TASK_REMINDER_FIRED), data: ReminderFiredData }),
  z.strictObject({ type: z.literal(TASK_REMINDER_SNOOZED), data: ReminderSnoozedData }),
  z.strictObject({ type: z.literal(TASK_REMINDER_EMAILED), data: ReminderEmailedData }),
]);
export type TaskEvent = z.infer<typeof TaskEvent>;
export type TaskEventType = TaskEvent['type'];
export const TASK_EVENT_TYPES: readonly TaskEventType[] = [
  TASK_CREATED,
  TASK_UPDATED,
  TASK_COMPLETED,
  TASK_REOPENED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REMINDER_EMAILED,
];

/** CloudEvents 1.0 envelope with the extension attributes this system relies on. */
export const EventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  /** Owner of the stream; every consumer filters by it. */
  userid: z.string().min(1),
  /** Version of the task stream after this event (1 for the first). */
  streamversion: z.number().int().positive(),
  /** Global position in the log, a decimal string (may exceed 2^53). */
  position: z.string().regex(/^\d+$/),
  /** Dense, gap-free sequence of this user's events, a decimal string. */
  userseq: z.string().regex(/^\d+$/),
  correlationid: z.string().min(1),
  causationid: z.string().nullable(),
});
export type EventEnvelope<E extends { type: string; data: unknown } = TaskEvent> = Omit<
  z.infer<typeof EventEnvelope>,
  'type' | 'data'
> & { type: E['type']; data: E['data'] };

export type AnyEnvelope = EventEnvelope<{ type: string; data: unknown }>;

/** The task event carried by an envelope, validated; null for other event types. */
export function toTaskEvent(envelope: { type: string; data: unknown }): TaskEvent | null {
  const parsed = TaskEvent.safeParse({ type: envelope.type, data: envelope.data });
  return parsed.success ? parsed.data : null;
}

/** Narrows an envelope to a task event after validating its data. */
export function parseTaskEvent(envelope: AnyEnvelope): EventEnvelope<TaskEvent> | null {
  const parsed = TaskEvent.safeParse({ type: envelope.type, data: envelope.data });
  if (!parsed.success) return null;
  return { ...envelope, type: parsed.data.type, data: parsed.data.data } as EventEnvelope<TaskEvent>;
}
