import type { CreateTaskBody, ImportReportLine } from '@todo/contracts';

/** One task an import creates, through the same command path as a REST create. */
export interface ImportItem {
  /** Where it came from, for the report (CSV line, or place in the export's list). */
  row: number;
  /** Derived from the user, the source and the row, so a second import finds it there. */
  taskId: string;
  body: CreateTaskBody;
  /** Completed in the source: completed right after it is created, in one transaction. */
  completedAt?: string;
  /** How a refusal of the command names the place in the file, by command field. */
  columnOf(field: string | undefined): string | null;
}

/** What one row (or one task of an export) gave: a task to create, report lines, or both. */
export interface ImportStep {
  item: ImportItem | null;
  report: ImportReportLine[];
}

/**
 * An import, read and checked but not yet run: the report lines of what is not a task at
 * all, how many tasks it holds, and the steps, produced one at a time so that mapping a
 * large file (the NL engine, per row) is interleaved with writing it.
 */
export interface ImportPlan {
  total: number;
  report: ImportReportLine[];
  steps: Iterable<ImportStep>;
}

export const skipped = (row: number, column: string | null, message: string): ImportReportLine => ({
  row,
  column,
  outcome: 'skipped',
  message,
});

export const partly = (row: number, column: string | null, message: string): ImportReportLine => ({
  row,
  column,
  outcome: 'partly',
  message,
});

// eslint-disable-next-line no-control-regex -- control characters are exactly what it replaces
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/gu;
const SHOWN_MAX = 80;

/**
 * A value of the file quoted in a report line: control characters (which PostgreSQL's jsonb
 * cannot store, or nobody can see) become spaces, and a long value is cut.
 */
export function shown(value: string): string {
  const clean = value.replace(UNSHOWABLE, ' ').trim();
  return clean.length > SHOWN_MAX ? `${clean.slice(0, SHOWN_MAX)}…` : clean;
}
