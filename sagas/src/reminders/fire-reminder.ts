import { handleTaskCommand, TaskRuleViolation } from '@todo/domain';
import { DuplicateEventError, type EventStore, type Knex, type Logger } from '@todo/platform';
import type { DueJob, FireContext, JobHandler } from '../scheduler/scheduler.ts';
import { isReminderJob, reminderFiredEventId } from './reminder-job.ts';
import { withStreamsReadAhead } from './streams-read-ahead.ts';

/** Beyond normal latency: the firing was held up (downtime, a backlog) and says so. */
export const LATE_AFTER_MS = 2000;
const SOURCE = 'sagas/reminders';

export interface FireReminderDeps {
  /** Joins the scheduler's transaction when it lends one (PostgreSQL), alone otherwise (Dapr). */
  eventStore: EventStore;
  logger: Logger;
}

/**
 * The scheduler's callback: appends the reminder-fired event to the task's stream. The
 * event id is derived from task, reminder and instant, so whatever the adapter repeats
 * (a retried Dapr callback, a re-armed row) is refused by the store and the log holds the
 * firing once. A task closed, deleted or without that reminder any more is not reminded.
 */
export function fireReminderHandler(deps: FireReminderDeps): JobHandler {
  const log = deps.logger.child({ saga: 'reminders' });
  const fire = async (job: DueJob, context: FireContext) => {
    if (!isReminderJob(job.data)) {
      log.warn({ job: job.name }, 'not a reminder job; dropped');
      return;
    }
    const { taskId, userId, reminderId, scheduledFor } = job.data;
    const joined = context.transaction ? deps.eventStore.in(context.transaction) : deps.eventStore;
    const store = context.prepared instanceof Map ? withStreamsReadAhead(joined, context.prepared) : joined;
    const lateBy = context.firedAt.getTime() - new Date(scheduledFor).getTime();
    try {
      await handleTaskCommand(
        store,
        {
          type: 'RecordReminderFired',
          taskId,
          reminderId,
          scheduledFor,
          firedAt: context.firedAt.toISOString(),
          late: lateBy > LATE_AFTER_MS,
        },
        {
          userId,
          correlationId: job.name,
          source: SOURCE,
          eventIds: [reminderFiredEventId(taskId, reminderId, scheduledFor)],
        },
      );
    } catch (error) {
      if (error instanceof DuplicateEventError) return;
      if (error instanceof TaskRuleViolation) {
        log.info({ taskId, reminderId, reason: error.code }, 'reminder not fired');
        return;
      }
      throw error;
    }
  };
  // The batch's tasks in one read, in the batch's transaction (its owners' locks held, so
  // nobody else appends to them meanwhile).
  const prepare = async (jobs: readonly DueJob[], transaction: Knex.Transaction) => {
    const taskIds = jobs.flatMap((j) => (isReminderJob(j.data) ? [j.data.taskId] : []));
    return taskIds.length > 0
      ? deps.eventStore.in(transaction).readStreams([...new Set(taskIds)])
      : undefined;
  };
  return Object.assign(fire, { prepare });
}
