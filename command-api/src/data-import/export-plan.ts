import { CreateTaskBody, Instant, type ImportExportBody, type ImportReportLine } from '@todo/contracts';
import { importedTaskId } from './import-ids.ts';
import { partly, skipped, type ImportPlan, type ImportStep } from './import-plan.ts';

export interface ExportImportContext {
  userId: string;
  /** When a completed task names no completion time. */
  now: Date;
  /** The export is of this very account: its tasks are found under their own ids. */
  sameAccount: boolean;
}

type ExportedTask = ImportExportBody['tasks'][number];

/**
 * One task of our own export → the task to create. Its fields are checked as a REST create
 * checks them; the history is not replayed (the log of record is never rewritten): the
 * import writes the task as it stands, and completes it when it was completed.
 */
export function exportedTask(entry: ExportedTask, place: number, context: ExportImportContext): ImportStep {
  const { task } = entry;
  const report: ImportReportLine[] = [];
  const completed = task.status === 'completed';
  let recurrence = task.recurrence ?? null;
  // Completing a recurring task makes the next occurrence, which the export holds already.
  if (completed && recurrence) {
    report.push(
      partly(
        place,
        'task.recurrence',
        'a completed occurrence is imported without its rule: its series goes on in the next occurrence',
      ),
    );
    recurrence = null;
  }
  const body = CreateTaskBody.safeParse({
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: task.tags,
    dueAt: task.dueAt,
    allDay: task.allDay,
    timezone: task.timezone,
    recurrence,
    reminders: task.reminders,
  });
  if (!body.success) {
    const issue = body.error.issues[0]!;
    const field = `task.${issue.path.join('.')}`;
    return { item: null, report: [skipped(place, field, `${field}: ${issue.message}`)] };
  }
  let completedAt = task.completedAt ?? context.now.toISOString();
  if (completed && !Instant.safeParse(completedAt).success) {
    report.push(
      partly(place, 'task.completedAt', `not an instant: completed at ${context.now.toISOString()}`),
    );
    completedAt = context.now.toISOString();
  }
  return {
    item: {
      row: place,
      taskId: context.sameAccount ? task.id : importedTaskId(context.userId, 'todo-json', task.id),
      body: body.data,
      ...(completed ? { completedAt: Instant.parse(completedAt) } : {}),
      columnOf: (field) => (field ? `task.${field}` : null),
    },
    report,
  };
}

/** Our own export as an import plan: one step per task, in the order of the file. */
export function planExportImport(
  file: ImportExportBody,
  context: Omit<ExportImportContext, 'sameAccount'>,
): ImportPlan {
  const full = { ...context, sameAccount: file.account?.id === context.userId };
  function* steps(): Iterable<ImportStep> {
    for (const [i, entry] of file.tasks.entries()) yield exportedTask(entry, i + 1, full);
  }
  return { total: file.tasks.length, report: [], steps: steps() };
}
