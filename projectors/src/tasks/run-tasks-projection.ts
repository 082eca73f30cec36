import { VIEW_EVENT_PREFIX } from '@todo/contracts';
import type { EventLog, Subscription } from '@todo/platform';
import { applyToViews } from '../views/views-projection.ts';
import { applyToTasks, planTasks, TASKS_PROJECTION, TOUCHED_TASK_SQL } from './tasks-projection.ts';

export const TASKS_CONSUMER = `projection:${TASKS_PROJECTION}`;

/**
 * Keeps the tasks read model, and the saved views beside it, in step with the log (checkpoint
 * kept with the rows). The views ride in the same transaction so that the read-your-writes
 * progress and the realtime feed this consumer writes cover them too: a `views.changed`
 * message is never ahead of the views it announces.
 */
export function runTasksProjection<S extends Subscription>(log: EventLog<S>): S {
  return log.subscribe(
    TASKS_CONSUMER,
    async (events, trx) => {
      await applyToTasks(trx, events);
      await applyToViews(trx, events);
    },
    {
      derivedEffectsOnly: true,
      // The same effects in one statement with the checkpoint, the touched rows read with the
      // batch (two round trips a batch at low load instead of seven); a batch with view events
      // goes through the handler.
      plan: async (events, db, touched) =>
        events.some((e) => e.type.startsWith(VIEW_EVENT_PREFIX)) ? null : planTasks(db, events, { touched }),
      prefetch: TOUCHED_TASK_SQL,
      // An event set aside still counts as done for its user, and keeps their feed dense.
      onQuarantined: (events, trx) => applyToTasks(trx, events, { skipped: true }),
    },
  );
}
