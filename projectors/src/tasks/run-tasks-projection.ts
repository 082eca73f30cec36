import type { EventLog, Subscription } from '@todo/platform';
import { applyToTasks, TASKS_PROJECTION } from './tasks-projection.ts';

export const TASKS_CONSUMER = `projection:${TASKS_PROJECTION}`;

/** Keeps the tasks read model in step with the log (checkpoint kept with the rows). */
export function runTasksProjection<S extends Subscription>(log: EventLog<S>): S {
  return log.subscribe(TASKS_CONSUMER, (events, trx) => applyToTasks(trx, events), {
    derivedEffectsOnly: true,
    // An event set aside still counts as done for its user, and keeps their feed dense.
    onQuarantined: (events, trx) => applyToTasks(trx, events, { skipped: true }),
  });
}
