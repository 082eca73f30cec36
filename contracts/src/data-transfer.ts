import { z } from 'zod';
import { HistoryEntry, TaskView } from './rest.ts';
import { Priority, TaskStatus } from './task-fields.ts';

/**
 * Import and export of a user's data (docs/integrations.md, "Import and export"). The export
 * is versioned: `format` names it, `version` changes whenever a reader would have to read it
 * differently; a reader refuses versions it does not know instead of guessing.
 */
export const EXPORT_FORMAT = 'todo-system/export';
export const EXPORT_VERSION = 1;

/** One task as it stands (the tasks read model) and its whole history from the event store. */
export const ExportedTask = z.object({ task: TaskView, events: z.array(HistoryEntry) });
export type ExportedTask = z.infer<typeof ExportedTask>;

export const ExportAccount = z.object({ id: z.string(), timezone: z.string() });

/** `GET /api/export/json`: every live task of the user (open and completed), oldest first. */
export const DataExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  account: ExportAccount,
  tasks: z.array(ExportedTask),
});
export type DataExport = z.infer<typeof DataExport>;

/** The columns of `GET /api/export/csv`, in order (RFC 4180, a header line first). */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'title',
  'description',
  'status',
  'priority',
  'tags',
  'dueAt',
  'allDay',
  'timezone',
  'rrule',
  'anchor',
  'reminders',
  'completedAt',
  'createdAt',
  'updatedAt',
] as const;

// ---- import ----

/** Bounds of one import: bigger files are refused with a 413 before anything is read. */
export const IMPORT_CSV_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_JSON_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
/** At most this many report lines are kept; the count of the rest is kept beside them. */
export const IMPORT_REPORT_MAX = 500;

/**
 * What an import reads of our own export: the tasks' fields. Events are history and are not
 * replayed (an import writes new events through the command path), so they are not checked
 * beyond being a list. Each task's fields are checked one by one, as a REST create checks
 * them, and a task that fails is reported, not the whole file.
 */
const ImportedTaskFields = z.object({
  id: z.uuid({ message: 'must be a task id (UUID)' }),
  title: z.string(),
  description: z.string().optional(),
  priority: Priority.optional(),
  tags: z.array(z.string()).optional(),
  dueAt: z.string().nullable().optional(),
  allDay: z.boolean().optional(),
  timezone: z.string().optional(),
  recurrence: z.object({ rrule: z.string(), anchor: z.string().optional() }).nullable().optional(),
  reminders: z.array(z.record(z.string(), z.unknown())).optional(),
  status: TaskStatus.optional(),
  completedAt: z.string().nullable().optional(),
});
export const ImportExportBody = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION, { message: `only version ${EXPORT_VERSION} of the export is read` }),
  account: z.object({ id: z.string() }).loose().optional(),
  tasks: z
    .array(z.object({ task: ImportedTaskFields.loose(), events: z.array(z.unknown()).optional() }).loose())
    .max(IMPORT_MAX_ROWS, `at most ${IMPORT_MAX_ROWS} tasks per import`),
});
export type ImportExportBody = z.infer<typeof ImportExportBody>;

export const IMPORT_SOURCES = ['todoist-csv', 'todo-json'] as const;
export const ImportSource = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof ImportSource>;

/**
 * A line of an import's report. `row` is the line of the CSV file (the header is line 1) or
 * the task's place in the export's `tasks` (1-based); `column` the CSV column or JSON field.
 * `skipped`: the row was not imported; `partly`: it was, without what the message names.
 */
export const ImportReportLine = z.object({
  row: z.int().min(1),
  column: z.string().nullable(),
  outcome: z.enum(['skipped', 'partly']),
  message: z.string(),
});
export type ImportReportLine = z.infer<typeof ImportReportLine>;

/** `POST /api/imports/…` answers 202 with it; `GET /api/imports/jobs/:id` shows its progress. */
export const ImportJob = z.object({
  id: z.string(),
  source: ImportSource,
  status: z.enum(['running', 'done', 'failed']),
  /** Tasks the file holds (rows that become tasks) and how many have been handled. */
  total: z.int(),
  processed: z.int(),
  created: z.int(),
  /** Already there from an earlier import of the same rows: not created again. */
  unchanged: z.int(),
  report: z.array(ImportReportLine),
  /** Report lines beyond IMPORT_REPORT_MAX, counted but not kept. */
  reportOmitted: z.int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobParams = z.strictObject({ id: z.uuid({ message: 'must be an import id (UUID)' }) });
