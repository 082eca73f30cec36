import { DateTime } from 'luxon';
import type { NlFilter, Priority, Recurrence, Reminder } from '@todo/contracts';
import { describeDue, describeRecurrence, joinWords } from '@todo/nl';

/** The chatbot's sentences, kept pure so the wording is tested without a database. */

function minutesInWords(minutes: number): string {
  if (minutes === 0) return 'at the due time';
  const units: [number, string][] = [
    [10080, 'week'],
    [1440, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  for (const [size, name] of units) {
    if (minutes % size === 0) {
      const n = minutes / size;
      return `${n} ${name}${n === 1 ? '' : 's'} before`;
    }
  }
  return `${minutes} minutes before`;
}

export function reminderInWords(r: { minutesBefore: number } | { at: string }, timezone: string): string {
  if ('minutesBefore' in r) return `a reminder ${minutesInWords(r.minutesBefore)}`;
  return `a reminder on ${DateTime.fromISO(r.at).setZone(timezone).toFormat("ccc, LLL d 'at' HH:mm")}`;
}

export interface Describable {
  dueAt?: string | null;
  allDay?: boolean;
  priority?: Priority;
  tags?: string[];
  recurrence?: Recurrence | null;
  reminders?: (Reminder | { minutesBefore: number } | { at: string })[];
  /** The list's name, as `#Name` named it. */
  list?: string;
}

/** "due Fri, Nov 27 at 17:00, every weekday at 09:00, high priority, in #Work, @home, a reminder 30 minutes before". */
export function detailsInWords(t: Describable, timezone: string): string {
  const parts: string[] = [];
  if (t.recurrence && t.dueAt) {
    const local = DateTime.fromISO(t.dueAt).setZone(timezone);
    const time = t.allDay ? null : { hour: local.hour, minute: local.minute };
    parts.push(
      `${describeRecurrence(t.recurrence.rrule, t.recurrence.anchor, { timezone, time })}, starting ${describeDue(t.dueAt, true, timezone)}`,
    );
  } else if (t.dueAt) parts.push(`due ${describeDue(t.dueAt, t.allDay ?? false, timezone)}`);
  else if (t.dueAt === null) parts.push('no due date');
  if (t.priority && t.priority !== 'none') parts.push(`${t.priority} priority`);
  if (t.priority === 'none') parts.push('no priority');
  if (t.list) parts.push(`in #${t.list}`);
  // Labels are written as quick add reads them: `@label` (`#` names a list).
  if (t.tags?.length) parts.push(t.tags.map((x) => `@${x}`).join(' '));
  for (const r of t.reminders ?? []) parts.push(reminderInWords(r, timezone));
  return parts.join(', ');
}

export const quote = (title: string) => `“${title}”`;

export function taskLine(
  t: { title: string; dueAt: string | null; allDay: boolean; priority: Priority },
  timezone: string,
): string {
  const bits = [quote(t.title)];
  if (t.dueAt) bits.push(`due ${describeDue(t.dueAt, t.allDay, timezone)}`);
  if (t.priority !== 'none') bits.push(`${t.priority} priority`);
  return bits.join(', ');
}

const RANGE_WORDS: Record<NonNullable<NlFilter['due']>, string> = {
  today: 'due today',
  tomorrow: 'due tomorrow',
  this_week: 'due this week',
  next_week: 'due next week',
  this_month: 'due this month',
  overdue: 'overdue',
  upcoming: 'due in the next 7 days',
  no_date: 'without a due date',
};

/** "open tasks due today tagged @home", "tasks completed this week" */
export function filterInWords(f: NlFilter): string {
  const completed = f.status === 'completed';
  const status = completed ? 'tasks completed' : f.status === 'all' ? 'tasks' : 'open tasks';
  const words = [f.priority ? `${f.priority}-priority ${status}` : status];
  if (f.due) {
    const range = RANGE_WORDS[f.due];
    words.push(completed && f.due !== 'no_date' ? range.replace(/^due /, '') : range);
  } else if (completed) words[0] = words[0]!.replace('tasks completed', 'completed tasks');
  if (f.tag) words.push(`tagged @${f.tag}`);
  if (f.list === 'inbox') words.push('in the Inbox');
  else if (f.list) words.push('in that list');
  return words.join(' ');
}

export const HELP = [
  'I can add, change, complete, reopen, delete and list your tasks, and snooze reminders. For example:',
  '• “Pay rent on the 1st of every month #Home @bills p1”',
  '• “Standup every weekday at 9am remind me 10 min before”',
  '• “Move report to friday 3pm”, “rename report to Q3 report”, “make report urgent”',
  '• “Done report”, “reopen report”, “delete buy milk”',
  '• “What’s due today?”, “show overdue tasks”, “list @work tasks”, “show #Work”',
  '• “filter: today & p1 | overdue”, “filter: @waiting & 7 days” (the task list’s filter language)',
  '• “Snooze dentist for 15 minutes”, and “undo” to take back my last change.',
].join('\n');

export const NOT_UNDERSTOOD =
  'Sorry, I did not understand that. Try “add buy milk tomorrow at 5pm”, “what’s due today?”, or “help”.';

export { joinWords };
