import { EXPORT_CSV_COLUMNS, type TaskView } from '@todo/contracts';

/** One CSV field as RFC 4180 quotes it: in quotes when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record, ended by CRLF as RFC 4180 says. */
export const csvRecord = (values: readonly string[]): string => values.map(csvField).join(',') + '\r\n';

export const CSV_HEADER = csvRecord(EXPORT_CSV_COLUMNS);

const reminderText = (reminder: TaskView['reminders'][number]): string =>
  'at' in reminder ? reminder.at : `${reminder.minutesBefore}min-before`;

/**
 * A task as a record of `GET /api/export/csv` (columns EXPORT_CSV_COLUMNS): tags and
 * reminders are separated by spaces (neither holds one), instants ISO 8601 in UTC, empty when
 * there is none. A spreadsheet reads it; our JSON export is the one to import again.
 */
export function taskCsvRecord(task: TaskView): string {
  const byColumn: Record<(typeof EXPORT_CSV_COLUMNS)[number], string> = {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    tags: task.tags.join(' '),
    dueAt: task.dueAt ?? '',
    allDay: String(task.allDay),
    timezone: task.timezone,
    rrule: task.recurrence?.rrule ?? '',
    anchor: task.recurrence?.anchor ?? '',
    reminders: task.reminders.map(reminderText).join(' '),
    completedAt: task.completedAt ?? '',
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
  return csvRecord(EXPORT_CSV_COLUMNS.map((column) => byColumn[column]));
}
