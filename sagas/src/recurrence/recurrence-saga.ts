import {
  ExpansionLimitReached,
  TASK_COMPLETED,
  TASK_OCCURRENCE_SKIPPED,
  toTaskEvent,
  type AnyEnvelope,
} from '@todo/contracts';
import { handleTaskCommand, TaskRuleViolation, type TaskFields } from '@todo/domain';
import {
  DuplicateEventError,
  type BatchHandler,
  type EventLog,
  type EventStore,
  type Logger,
  type Subscription,
} from '@todo/platform';
import { taskAtVersion } from '../task-at-version.ts';
import { decideNextOccurrence } from './decide-next.ts';

export const RECURRENCE_CONSUMER = 'saga.recurrence';
const SOURCE = 'sagas/recurrence';

export interface RecurrenceSagaDeps {
  eventLog: EventLog;
  eventStore: EventStore;
  logger: Logger;
  consumer?: string;
}

/**
 * Spawns the next occurrence when an occurrence of a recurring task is completed or
 * skipped. Exactly once: the new task is written in the consumer's own transaction, with
 * the checkpoint (a crash rolls both back), and with ids derived from the closed task and
 * the closing event (a repeated delivery, or another instance, finds them taken).
 */
export function startRecurrenceSaga(deps: RecurrenceSagaDeps): Subscription {
  return deps.eventLog.subscribe(
    deps.consumer ?? RECURRENCE_CONSUMER,
    recurrenceHandler(deps.eventStore, deps.logger),
  );
}

/** The saga's batch handler, for a subscription of its own or shared with the other sagas. */
export function recurrenceHandler(eventStore: EventStore, logger: Logger): BatchHandler {
  const log = logger.child({ saga: 'recurrence' });
  return async (events, trx) => {
    const closings = events.filter((e) => e.type === TASK_COMPLETED || e.type === TASK_OCCURRENCE_SKIPPED);
    // Each append locks its user until the batch commits; one global order (by user) keeps
    // this batch from deadlocking with other multi-user writers (the reminder scheduler).
    closings.sort((a, b) => a.userid.localeCompare(b.userid));
    for (const envelope of closings) await spawnNext(envelope, eventStore.in(trx), log);
  };
}

async function spawnNext(closing: AnyEnvelope, store: EventStore, log: Logger): Promise<void> {
  const event = toTaskEvent(closing);
  if (!event) return;
  const closedAt =
    event.type === TASK_COMPLETED
      ? event.data.completedAt
      : event.type === TASK_OCCURRENCE_SKIPPED
        ? event.data.skippedAt
        : null;
  if (!closedAt) return;
  // Reads and writes go through the consumer's transaction (`store` is in it); a refused
  // write (a repeat, a lost race) leaves the batch intact.
  const stream = await store.readStream(closing.subject);
  const task = taskAtVersion(stream.events, closing.streamversion);
  if (task.status !== 'completed') return;
  const decision = nextOrEnd(closing, task, closedAt, log);
  if (!decision) return;
  try {
    await handleTaskCommand(store, decision.command, {
      userId: closing.userid,
      correlationId: closing.correlationid,
      causationId: closing.id,
      source: SOURCE,
      eventIds: [decision.eventId],
    });
  } catch (error) {
    if (error instanceof DuplicateEventError) return;
    if (error instanceof TaskRuleViolation) {
      // task-exists: this occurrence already has its successor. Anything else cannot
      // succeed on a retry either, and must not hold up the log.
      if (error.code !== 'task-exists')
        log.warn({ err: error, taskId: closing.subject }, 'no next occurrence');
      return;
    }
    throw error;
  }
}

/**
 * The next occurrence, or null when the series has ended. A rule whose next occurrence the
 * bounded search cannot find (one that never matches, written before such rules were
 * refused, or one that only stops matching from the completion day) ends the series too:
 * retrying could never succeed, and must not hold up the log for everyone.
 */
function nextOrEnd(
  closing: AnyEnvelope,
  task: TaskFields,
  closedAt: string,
  log: Logger,
): ReturnType<typeof decideNextOccurrence> {
  try {
    return decideNextOccurrence({ taskId: closing.subject, task, closedAt, closingEventId: closing.id });
  } catch (error) {
    if (!(error instanceof ExpansionLimitReached)) throw error;
    log.warn(
      { err: error, taskId: closing.subject, rrule: task.recurrence?.rrule },
      'no next occurrence found within the bounded search: the series ends here',
    );
    return null;
  }
}
