import type { TaskView } from '@todo/contracts';

const PRIORITY_WORD: Record<TaskView['priority'], string> = {
  none: '',
  low: 'low priority',
  medium: 'medium priority',
  high: 'high priority',
};

/**
 * One line per task for the model to read: what it is, when, and the id and version it
 * needs to act on it. Dates stay ISO (in UTC, with the task's zone): the model converts.
 */
export function taskLine(task: TaskView): string {
  const parts = [
    `${task.status === 'completed' ? '[x]' : '[ ]'} ${task.title}`,
    task.dueAt
      ? `due ${task.allDay ? `${task.dueAt.slice(0, 10)} (all day)` : task.dueAt} ${task.timezone}`
      : '',
    PRIORITY_WORD[task.priority],
    task.tags.map((t) => `#${t}`).join(' '),
    task.recurrence ? `repeats ${task.recurrence.rrule}` : '',
    task.reminders.length ? `reminders ${task.reminders.map((r) => r.id).join(', ')}` : '',
    `id ${task.id} v${task.version}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function taskLines(tasks: readonly TaskView[], empty = 'No tasks.'): string {
  return tasks.length ? tasks.map((t) => `- ${taskLine(t)}`).join('\n') : empty;
}
