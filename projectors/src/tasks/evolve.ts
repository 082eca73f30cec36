import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  toTaskEvent,
  type AnyEnvelope,
} from '@todo/contracts';
import type { TaskDoc } from './task-doc.ts';

/**
 * The tasks read model's pure fold. Events it does not know (added by other parts of the
 * system, e.g. reminder firings) still move the version, so If-Match keeps working.
 * An event at or below the row's version was applied already and changes nothing.
 */
export function evolveTask(doc: TaskDoc | null, envelope: AnyEnvelope): TaskDoc | null {
  if (doc && envelope.streamversion <= doc.version) return doc;
  const event = toTaskEvent(envelope);
  const touched = (d: TaskDoc): TaskDoc => ({
    ...d,
    version: envelope.streamversion,
    updatedAt: envelope.time,
  });
  if (!event) return doc ? touched(doc) : null;
  switch (event.type) {
    case TASK_CREATED: {
      const { spawnedFrom: _spawnedFrom, ...fields } = event.data;
      return {
        id: envelope.subject,
        userId: envelope.userid,
        ...fields,
        status: 'open',
        completedAt: null,
        createdAt: envelope.time,
        updatedAt: envelope.time,
        version: envelope.streamversion,
      };
    }
    case TASK_UPDATED:
      return doc ? { ...touched(doc), ...event.data.changes } : null;
    case TASK_COMPLETED:
      return doc ? { ...touched(doc), status: 'completed', completedAt: event.data.completedAt } : null;
    case TASK_REOPENED:
      return doc ? { ...touched(doc), status: 'open', completedAt: null } : null;
    case TASK_DELETED:
      return null;
    case TASK_OCCURRENCE_SKIPPED:
      // Closed without being done: it leaves the open lists like a completed one.
      return doc ? { ...touched(doc), status: 'completed', completedAt: event.data.skippedAt } : null;
    case TASK_REMINDER_FIRED:
    case TASK_REMINDER_SNOOZED:
    case TASK_REMINDER_EMAILED:
      return doc ? touched(doc) : null;
    default: {
      const _exhaustive: never = event;
      return doc;
    }
  }
}
