import {
  CreateTaskBody,
  DESCRIPTION_MAX,
  Tags,
  TimeZone,
  type ImportReportLine,
  type Priority,
} from '@todo/contracts';
import { parseTaskText } from '@todo/nl';
import { importedTaskId } from './import-ids.ts';
import { partly, shown, skipped, type ImportStep } from './import-plan.ts';
import type { TodoistColumn, TodoistRow } from './todoist-csv.ts';

/** A Todoist task row with the note rows that follow it (its comments). */
export interface TodoistTaskRows {
  task: TodoistRow;
  notes: TodoistRow[];
  /** How many identical task rows came before it: two "Buy milk" rows are two tasks. */
  occurrence: number;
}

export interface TodoistContext {
  userId: string;
  now: Date;
  /** The user's zone: the task's when the row names none. */
  timezone: string;
}

// Todoist's CSV counts priorities the other way round: 4 is p1, the most urgent.
const PRIORITY: Record<string, Priority> = { '4': 'high', '3': 'medium', '2': 'low', '1': 'none' };
const LABEL = /(^|\s)@([^\s@]+)/gu;

const COLUMN_OF_FIELD: Record<string, TodoistColumn> = {
  title: 'CONTENT',
  tags: 'CONTENT',
  description: 'DESCRIPTION',
  priority: 'PRIORITY',
  dueAt: 'DATE',
  allDay: 'DATE',
  recurrence: 'DATE',
  timezone: 'TIMEZONE',
};

/** The column a command field came from, to name it in the report. */
export const todoistColumnOf = (field: string | undefined): string | null =>
  (field && COLUMN_OF_FIELD[field.split('.')[0]!]) || null;

/**
 * One Todoist task → the CreateTask body it means, with a line of the report for every
 * cell it could not use. Pure: `now` and the zone are passed in.
 *  - CONTENT is the title; each `@label` in it becomes a tag.
 *  - DATE goes through the NL engine in the row's TIMEZONE (or the user's): "every …" is a
 *    recurrence rule, anything else a due date; words it cannot read are reported.
 *  - Notes become paragraphs of the description; what has no field here is reported.
 */
export function todoistTask(rows: TodoistTaskRows, context: TodoistContext): ImportStep {
  const { task, notes } = rows;
  const cell = (column: TodoistColumn) => (task.cells[column] ?? '').trim();
  const line = task.line;
  const report: ImportReportLine[] = [];

  const content = cell('CONTENT');
  const labels = [...content.matchAll(LABEL)].map((m) => m[2]!);
  const title = content.replace(LABEL, '$1').replace(/\s+/g, ' ').trim();
  if (!title) return { item: null, report: [skipped(line, 'CONTENT', 'the task has no title')] };

  const tags = Tags.safeParse(labels);
  if (!tags.success)
    report.push(partly(line, 'CONTENT', `labels not imported: ${tags.error.issues[0]!.message}`));

  const priority = PRIORITY[cell('PRIORITY') || '1'];
  if (!priority)
    report.push(partly(line, 'PRIORITY', `"${shown(cell('PRIORITY'))}" is not a priority from 1 to 4`));

  const timezone = zoneOf(cell('TIMEZONE'), context.timezone, line, report);
  const due = dueOf(cell('DATE'), cell('DATE_LANG'), { now: context.now, timezone }, line, report);

  const description = [cell('DESCRIPTION'), ...notes.map((n) => (n.cells.CONTENT ?? '').trim())]
    .filter(Boolean)
    .join('\n\n');
  if (description.length > DESCRIPTION_MAX) {
    report.push(partly(line, 'DESCRIPTION', `description and notes cut to ${DESCRIPTION_MAX} characters`));
  }

  reportUnmapped(task, report);

  const body = CreateTaskBody.safeParse({
    title,
    description: description.slice(0, DESCRIPTION_MAX),
    priority: priority ?? 'none',
    tags: tags.success ? tags.data : [],
    timezone,
    ...due,
  });
  if (!body.success) {
    const issue = body.error.issues[0]!;
    const field = issue.path.join('.');
    return { item: null, report: [skipped(line, todoistColumnOf(field), `${field}: ${issue.message}`)] };
  }
  return {
    item: {
      row: line,
      taskId: importedTaskId(
        context.userId,
        'todoist-csv',
        JSON.stringify(task.cells),
        String(rows.occurrence),
      ),
      body: body.data,
      columnOf: todoistColumnOf,
    },
    report,
  };
}

function zoneOf(zone: string, fallback: string, line: number, report: ImportReportLine[]): string {
  if (!zone) return fallback;
  if (TimeZone.safeParse(zone).success) return zone;
  report.push(
    partly(line, 'TIMEZONE', `"${shown(zone)}" is not an IANA time zone: ${fallback} used instead`),
  );
  return fallback;
}

function dueOf(
  date: string,
  language: string,
  options: { now: Date; timezone: string },
  line: number,
  report: ImportReportLine[],
): Pick<CreateTaskBody, 'dueAt' | 'allDay' | 'recurrence'> {
  if (!date) return {};
  const understood = parseTaskText(date, options).task;
  // Every word must be read as the date: "every monday except holidays" is not Monday.
  if (understood?.recurrence && !understood.dueAt && !understood.title) {
    report.push(partly(line, 'DATE', `the rule "${shown(date)}" never occurs: imported without a date`));
    return {};
  }
  if (understood?.title || !understood?.dueAt) {
    const hint =
      language && language !== 'en' ? ` (only English dates are read; DATE_LANG is ${shown(language)})` : '';
    report.push(
      partly(line, 'DATE', `could not understand the date "${shown(date)}"${hint}: imported without a date`),
    );
    return {};
  }
  return {
    dueAt: understood.dueAt,
    allDay: understood.allDay ?? false,
    recurrence: understood.recurrence ?? null,
  };
}

// Columns a task here has no field for: said once per row, so nothing is dropped silently.
function reportUnmapped(task: TodoistRow, report: ImportReportLine[]): void {
  const has = (column: TodoistColumn) => (task.cells[column] ?? '').trim() !== '';
  const line = task.line;
  if (has('DEADLINE'))
    report.push(partly(line, 'DEADLINE', 'deadlines are not imported: tasks here have a due date only'));
  const duration = (task.cells.DURATION ?? '').trim();
  if (duration && duration !== '0') report.push(partly(line, 'DURATION', 'durations are not imported'));
  if (has('RESPONSIBLE'))
    report.push(partly(line, 'RESPONSIBLE', 'assignees are not imported: tasks here have one owner'));
  const indent = Number((task.cells.INDENT ?? '1').trim() || '1');
  if (indent > 1) report.push(partly(line, 'INDENT', 'a sub-task is imported as a task of its own'));
}
