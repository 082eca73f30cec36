import { TASK_COMPLETED, TASK_OCCURRENCE_SKIPPED, toTaskEvent, type AnyEnvelope } from '@todo/contracts';
import { handleTaskCommand } from '@todo/command-api/tasks/handle-command.ts';
import { TaskRuleViolation } from '@todo/command-api/tasks/errors.ts';
import {
  DuplicateEventError,
  PostgresEventStore,
  type EventLog,
  type Knex,
  type Logger,
  type Subscription,
} from '@todo/platform';
import { taskAtVersion } from '../task-at-version.ts';
import { decideNextOccurrence } from './decide-next.ts';

export const RECURRENCE_CONSUMER = 'saga.recurrence';
const SOURCE = 'sagas/recurrence';

export interface RecurrenceSagaDeps {
  eventLog: EventLog;
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
  const log = deps.logger.child({ saga: 'recurrence' });
  return deps.eventLog.subscribe(deps.consumer ?? RECURRENCE_CONSUMER, async (events, trx) => {
    for (const envelope of events) {
      if (envelope.type !== TASK_COMPLETED && envelope.type !== TASK_OCCURRENCE_SKIPPED) continue;
      await spawnNext(envelope, trx, log);
    }
  });
}

async function spawnNext(closing: AnyEnvelope, trx: Knex.Transaction, log: Logger): Promise<void> {
  const event = toTaskEvent(closing);
  if (!event) return;
  const closedAt =
    event.type === TASK_COMPLETED
      ? event.data.completedAt
      : event.type === TASK_OCCURRENCE_SKIPPED
        ? event.data.skippedAt
        : null;
  if (!closedAt) return;
  // Reads and writes go through the consumer's transaction; the store's own transaction
  // becomes a savepoint, so a refused write leaves the batch intact.
  const store = new PostgresEventStore(trx as unknown as Knex);
  const stream = await store.readStream(closing.subject);
  const task = taskAtVersion(stream.events, closing.streamversion);
  if (task.status !== 'completed') return;
  const decision = decideNextOccurrence({
    taskId: closing.subject,
    task,
    closedAt,
    closingEventId: closing.id,
  });
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
