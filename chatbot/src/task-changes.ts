import type { NlTask, TaskChanges } from '@todo/contracts';
import { withReminderIds } from '@todo/domain';
import type { Ids } from '@todo/platform';
import type { TaskRow } from './read-model.ts';

/** The parsed fields as TaskChanges (tags and reminders are added), and the old values. */
export function changesFor(
  task: TaskRow,
  wanted: NlTask,
  ids: Ids,
): { changes: TaskChanges; before: TaskChanges } {
  const changes: TaskChanges = {};
  const before: TaskChanges = {};
  if (wanted.title) {
    changes.title = wanted.title;
    before.title = task.title;
  }
  if (wanted.dueAt) {
    changes.dueAt = new Date(wanted.dueAt).toISOString();
    changes.allDay = wanted.allDay ?? false;
    before.dueAt = task.dueAt;
    before.allDay = task.allDay;
  }
  if (wanted.priority) {
    changes.priority = wanted.priority;
    before.priority = task.priority;
  }
  if (wanted.tags?.length) {
    changes.tags = [...new Set([...task.tags, ...wanted.tags])].slice(0, 20);
    before.tags = task.tags;
  }
  if (wanted.listId !== undefined) {
    changes.listId = wanted.listId;
    before.listId = task.listId ?? null;
  }
  if (wanted.recurrence) {
    changes.recurrence = wanted.recurrence;
    before.recurrence = task.recurrence;
  }
  if (wanted.reminders?.length) {
    const added = withReminderIds(
      wanted.reminders.map((r) => ('at' in r ? { at: new Date(r.at).toISOString() } : r)),
      ids,
    );
    changes.reminders = [...task.reminders, ...added].slice(0, 10);
    before.reminders = task.reminders;
  }
  return { changes, before };
}
