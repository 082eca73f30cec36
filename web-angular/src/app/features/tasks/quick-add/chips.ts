import type { NlReminder, ParseResult } from '@todo/contracts';
import { describeDue } from '../../../core/time/zoned-time';
import { ruleLabel } from '@todo/contracts';

export interface Chip {
  field: 'dueAt' | 'priority' | 'tags' | 'list' | 'recurrence' | 'reminders';
  label: string;
}

export function describeReminder(reminder: NlReminder, zone: string, now: number): string {
  if ('minutesBefore' in reminder) {
    const m = reminder.minutesBefore;
    if (m === 0) return 'at due time';
    if (m % 1440 === 0) return `${m / 1440} day${m === 1440 ? '' : 's'} before`;
    if (m % 60 === 0) return `${m / 60} h before`;
    return `${m} min before`;
  }
  return describeDue(reminder.at, false, zone, now);
}

/** What the engine understood, as short chips shown under the quick-add box before saving. */
export function chipsOf(result: ParseResult, now: number): Chip[] {
  const task = result.task;
  if (!task) return [];
  const zone = result.timezone;
  const chips: Chip[] = [];
  if (task.dueAt)
    chips.push({ field: 'dueAt', label: `Due ${describeDue(task.dueAt, task.allDay ?? false, zone, now)}` });
  if (task.recurrence)
    chips.push({
      field: 'recurrence',
      label: ruleLabel(task.recurrence.rrule, { anchor: task.recurrence.anchor, timezone: zone }),
    });
  if (task.priority && task.priority !== 'none')
    chips.push({ field: 'priority', label: `Priority ${task.priority}` });
  if (task.list) chips.push({ field: 'list', label: `#${task.list}` });
  for (const tag of task.tags ?? []) chips.push({ field: 'tags', label: `@${tag}` });
  for (const reminder of task.reminders ?? []) {
    chips.push({ field: 'reminders', label: `Reminder ${describeReminder(reminder, zone, now)}` });
  }
  return chips;
}
