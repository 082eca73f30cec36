import { SeriesId, TASK_COMPLETED, TASK_CREATED, TASK_UPDATED } from './events.ts';
import { TASK_OCCURRENCE_SKIPPED, TASK_REMINDER_FIRED, TASK_REMINDER_SNOOZED } from './saga-events.ts';
import { INSTANT_MAX, INSTANT_MIN, isInstantInRange } from './task-fields.ts';

/**
 * Reads old events in today's shape; applied wherever an envelope is read (event store,
 * PostgreSQL log, Kafka, Dapr), never by rewriting the log.
 *
 * Instants outside the supported range (see `Instant`) were accepted before the range was
 * enforced, and no part of the system can store them. They are repaired on read:
 * - an optional instant is dropped: `dueAt` becomes null, an absolute reminder at such an
 *   instant is removed (a due date in year 0 or 10000 carries no usable meaning);
 * - a required instant (completion, skip, firing, snooze) is clamped to the nearest bound,
 *   so the event keeps its meaning (the task was completed, the reminder fired).
 * A value that is not a date-time at all is left alone: the event's schema refuses it and
 * consumers treat the event as one they do not know.
 *
 * A series id that is not a UUID (any string was accepted before; the read model's column
 * is `uuid`, so no such task was ever stored) is dropped (null): the task reads like one
 * created without a series id, and the recurrence saga names its next occurrence's series
 * after it.
 *
 * A created event written before lists existed has no `listId`: it is read as null (the
 * Inbox), which is where every task was then. Updates before lists never named a list, and
 * `changes` stays without one, so they move nothing.
 */
// The fields read here are named, so that they are read the same way under every tsconfig.
interface Data {
  [field: string]: unknown;
  dueAt?: unknown;
  reminders?: unknown;
  changes?: unknown;
  at?: unknown;
  seriesId?: unknown;
}

const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A date-time string outside the range; false for anything unparseable or not a string. */
function isOutOfRange(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && !isInstantInRange(value);
}

function clamp(value: string): string {
  return Date.parse(value) < Date.parse(INSTANT_MIN) ? INSTANT_MIN : INSTANT_MAX;
}

/** The task fields part (created data, or the changes of an update), repaired. */
function repairFields(fields: Data): Data {
  let out = fields;
  if (isOutOfRange(fields.dueAt)) out = { ...out, dueAt: null };
  if (Array.isArray(fields.reminders) && fields.reminders.some((r) => isRecord(r) && isOutOfRange(r.at))) {
    out = { ...out, reminders: fields.reminders.filter((r) => !(isRecord(r) && isOutOfRange(r.at))) };
  }
  return out;
}

function clampFields(data: Data, names: readonly string[]): Data {
  let out = data;
  for (const name of names) {
    const value = data[name];
    if (isOutOfRange(value)) out = { ...out, [name]: clamp(value) };
  }
  return out;
}

function inInboxWhenUnlisted(data: Data): Data {
  return 'listId' in data ? data : { ...data, listId: null };
}

function dropBadSeriesId(data: Data): Data {
  const { seriesId } = data;
  if (typeof seriesId !== 'string' || SeriesId.safeParse(seriesId).success) return data;
  return { ...data, seriesId: null };
}

/** The event's data as today's schema expects it; the same object when nothing changed. */
export function upcastEventData(type: string, data: unknown): unknown {
  if (!isRecord(data)) return data;
  switch (type) {
    case TASK_CREATED:
      return inInboxWhenUnlisted(dropBadSeriesId(repairFields(data)));
    case TASK_UPDATED: {
      if (!isRecord(data.changes)) return data;
      const changes = repairFields(data.changes);
      return changes === data.changes ? data : { ...data, changes };
    }
    case TASK_COMPLETED:
      return clampFields(data, ['completedAt']);
    case TASK_OCCURRENCE_SKIPPED:
      return clampFields(data, ['skippedAt']);
    case TASK_REMINDER_FIRED:
      return clampFields(data, ['scheduledFor', 'firedAt']);
    case TASK_REMINDER_SNOOZED:
      return clampFields(data, ['snoozedUntil']);
    default:
      return data;
  }
}

/** An envelope with its data upcast; the same object when nothing changed. */
export function upcastEnvelope<E extends { type: string; data: unknown }>(envelope: E): E {
  const data = upcastEventData(envelope.type, envelope.data);
  return data === envelope.data ? envelope : { ...envelope, data };
}
