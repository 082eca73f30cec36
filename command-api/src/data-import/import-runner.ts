import type { ImportReportLine } from '@todo/contracts';
import { handleTaskCommand, newTaskCommand, TaskRuleViolation, type CommandContext } from '@todo/domain';
import type { Clock, EventStore, Ids, Knex } from '@todo/platform';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ImportItem, ImportPlan } from './import-plan.ts';
import { skipped } from './import-plan.ts';
import type { ImportJobs, JobProgress } from './import-jobs.ts';

export interface ImportRunnerDeps {
  knex: Knex;
  store: EventStore;
  ids: Ids;
  clock: Clock;
  jobs: ImportJobs;
}

const STOPPED = skipped(
  1,
  null,
  'the import stopped before the end: import the same file again to finish it',
);

// Progress is written this often: often enough for a progress bar, seldom enough to cost little.
const PROGRESS_EVERY = 25;

/**
 * Runs an import's steps through the command path REST uses (newTaskCommand →
 * handleTaskCommand → the event store), one task at a time and yielding to the event loop
 * between them, so a large file never holds the process for everyone else.
 */
export async function runImport(
  deps: ImportRunnerDeps,
  job: { id: string; userId: string; timezone: string },
  plan: ImportPlan,
  /** A shutdown asks the import to stop between two tasks (the file imported again finishes it). */
  stopping: () => boolean = () => false,
): Promise<void> {
  const progress: JobProgress = { processed: 0, created: 0, unchanged: 0, report: [...plan.report] };
  try {
    for (const step of plan.steps) {
      if (stopping()) {
        progress.report.push(STOPPED);
        await deps.jobs.finish(job.id, 'failed', progress, deps.clock.now());
        return;
      }
      progress.report.push(...step.report);
      if (step.item) {
        const outcome = await createOnce(deps, job, step.item);
        if (outcome === 'created') progress.created++;
        else if (outcome === 'unchanged') progress.unchanged++;
        else progress.report.push(outcome);
      }
      progress.processed++;
      if (progress.processed % PROGRESS_EVERY === 0) await deps.jobs.progress(job.id, progress);
      await nextTurn();
    }
    await deps.jobs.finish(job.id, 'done', progress, deps.clock.now());
  } catch (error) {
    progress.report.push({
      row: 1,
      column: null,
      outcome: 'skipped',
      message: 'the import stopped: run it again to finish it',
    });
    await deps.jobs.finish(job.id, 'failed', progress, deps.clock.now()).catch(() => undefined);
    throw error;
  }
}

async function createOnce(
  deps: ImportRunnerDeps,
  job: { id: string; userId: string; timezone: string },
  item: ImportItem,
): Promise<'created' | 'unchanged' | ImportReportLine> {
  const command = newTaskCommand(item.body, { taskId: item.taskId, timezone: job.timezone, ids: deps.ids });
  const context: CommandContext = {
    userId: job.userId,
    correlationId: job.id,
    source: '/todo/command-api/import',
  };
  try {
    if (item.completedAt === undefined) {
      await handleTaskCommand(deps.store, command, context);
    } else {
      const completedAt = item.completedAt;
      // Created and completed together: a stopped import never leaves it half done.
      await deps.knex.transaction(async (trx) => {
        const store = deps.store.in(trx);
        await handleTaskCommand(store, command, context);
        await handleTaskCommand(store, { type: 'CompleteTask', taskId: item.taskId, completedAt }, context);
      });
    }
    return 'created';
  } catch (error) {
    if (!(error instanceof TaskRuleViolation)) throw error;
    if (error.code === 'task-exists') return 'unchanged';
    return skipped(item.row, item.columnOf(error.field), error.message);
  }
}
