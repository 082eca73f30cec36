import type { TaskView } from '@todo/contracts';
import type { TaskDoc } from './task-doc.ts';

/**
 * The task as the API's `TaskView` in JSON text: what the response schema's serializer
 * (zod's encode, then JSON.stringify) makes of `toTaskView(doc)`, byte for byte: the same
 * fields in the schema's order, and of the stored recurrence and reminders only what the
 * schema keeps (a reminder is the first shape of the union it matches, `{id, at}` before
 * `{id, minutesBefore}`). The projection stores it beside the row (`tasks.view`), so that a
 * list page is its rows' texts joined (see list-tasks.ts). `task-view-json.unit.spec.ts`
 * holds it to the serializer.
 */
export function taskViewJson(doc: TaskDoc): string {
  const view: TaskView = {
    id: doc.id,
    title: doc.title,
    description: doc.description,
    priority: doc.priority,
    tags: doc.tags,
    dueAt: doc.dueAt,
    allDay: doc.allDay,
    timezone: doc.timezone,
    recurrence: doc.recurrence ? { rrule: doc.recurrence.rrule, anchor: doc.recurrence.anchor } : null,
    reminders: doc.reminders.map((r) =>
      'at' in r ? { id: r.id, at: r.at } : { id: r.id, minutesBefore: r.minutesBefore },
    ),
    status: doc.status,
    completedAt: doc.completedAt,
    seriesId: doc.seriesId,
    listId: doc.listId,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
  return JSON.stringify(view);
}
