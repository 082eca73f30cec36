import type { HistoryEntry } from '@todo/contracts';

const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  tags: 'tags',
  dueAt: 'due date',
  allDay: 'all-day',
  timezone: 'time zone',
  recurrence: 'repeat',
  reminders: 'reminders',
};

/** One line per event of the audit log, in plain words; instants are shown by `formatInstant`. */
export function describeHistoryEntry(entry: HistoryEntry, formatInstant: (iso: string) => string): string {
  const data = (entry.data ?? {}) as Record<string, unknown>;
  const kind = entry.type.replace(/^todo\.task\./, '').replace(/\.v\d+$/, '');
  switch (kind) {
    case 'created': {
      const from = data['spawnedFrom'] ? ' as the next occurrence' : '';
      return `Created “${String(data['title'] ?? '')}”${from}`;
    }
    case 'updated': {
      const changes = Object.keys((data['changes'] ?? {}) as object).map((k) => FIELD_WORDS[k] ?? k);
      return changes.length ? `Changed ${changes.join(', ')}` : 'Updated';
    }
    case 'completed':
      return 'Completed';
    case 'reopened':
      return 'Reopened';
    case 'deleted':
      return 'Deleted';
    case 'occurrence-skipped':
      return 'Skipped this occurrence';
    case 'reminder-fired':
      return 'Reminder went off';
    case 'reminder-snoozed':
      return `Reminder snoozed until ${formatInstant(String(data['snoozedUntil']))}`;
    case 'reminder-emailed':
      return data['outcome'] === 'delivered'
        ? `Reminder emailed (${String(data['attempts'])} ${data['attempts'] === 1 ? 'attempt' : 'attempts'})`
        : `Reminder email failed after ${String(data['attempts'])} attempts: ${String(data['error'] ?? '')}`;
    default:
      return kind;
  }
}
