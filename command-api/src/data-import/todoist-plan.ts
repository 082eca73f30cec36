import type { ImportReportLine } from '@todo/contracts';
import { partly, shown, skipped, type ImportPlan, type ImportStep } from './import-plan.ts';
import type { TodoistRow } from './todoist-csv.ts';
import { todoistTask, type TodoistContext, type TodoistTaskRows } from './todoist-task.ts';

/**
 * The rows of a Todoist export grouped into tasks: a `note` row is a comment on the task
 * above it; a `section` has no counterpart here (lists do not exist yet), so its tasks are
 * imported and the section is reported; `meta` rows (view settings) and blank lines mean
 * nothing to a task. Cheap (no date parsing), so the total is known before any work.
 */
export function groupTodoistRows(rows: readonly TodoistRow[]): {
  tasks: TodoistTaskRows[];
  report: ImportReportLine[];
} {
  const tasks: TodoistTaskRows[] = [];
  const report: ImportReportLine[] = [];
  const seen = new Map<string, number>();
  // A note after a row that is not a task (or after nothing) has no task to belong to.
  let current: TodoistTaskRows | null = null;
  for (const row of rows) {
    const type = (row.cells.TYPE ?? '').trim().toLowerCase();
    const blank = Object.values(row.cells).every((v) => (v ?? '').trim() === '');
    if (blank) continue;
    switch (type) {
      case 'task': {
        const key = JSON.stringify(row.cells);
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        current = { task: row, notes: [], occurrence };
        tasks.push(current);
        break;
      }
      case 'note':
        if (current) current.notes.push(row);
        else report.push(skipped(row.line, 'TYPE', 'a note with no task above it'));
        break;
      case 'section':
        current = null;
        report.push(
          partly(
            row.line,
            'TYPE',
            `section "${shown(row.cells.CONTENT ?? '')}" not imported (no lists yet); its tasks are`,
          ),
        );
        break;
      case 'meta':
        break;
      default:
        current = null;
        report.push(
          skipped(
            row.line,
            'TYPE',
            `"${shown(row.cells.TYPE ?? '')}" is not a Todoist row type (task, note, section)`,
          ),
        );
    }
  }
  return { tasks, report };
}

/** A Todoist export as an import plan: one step per task, mapped when it is reached. */
export function planTodoistImport(rows: readonly TodoistRow[], context: TodoistContext): ImportPlan {
  const { tasks, report } = groupTodoistRows(rows);
  function* steps(): Iterable<ImportStep> {
    for (const task of tasks) yield todoistTask(task, context);
  }
  return { total: tasks.length, report, steps: steps() };
}
