import type { ParseResult } from './nl.ts';
import type { CreateTaskBody } from './rest.ts';

/**
 * The create body for what the NL engine understood of `text`, as quick-add (the SPA) and the
 * MCP server's `add_tasks` send it: the title it read (or the whole text), and each field the
 * text said something about. The zone is the one the text was read in; `userZone` serves when
 * there is no reading (the engine was unavailable: the text becomes the title).
 */
export function createBodyFromParse(
  text: string,
  result: ParseResult | null,
  userZone?: string,
): CreateTaskBody {
  const task = result?.task;
  const timezone = result?.timezone ?? userZone;
  const body: CreateTaskBody = {
    title: task?.title?.trim() || text,
    ...(timezone === undefined ? {} : { timezone }),
  };
  if (!task) return body;
  if (task.dueAt) {
    body.dueAt = task.dueAt;
    body.allDay = task.allDay ?? false;
  }
  if (task.priority) body.priority = task.priority;
  if (task.tags?.length) body.tags = task.tags;
  // `#Work` named one of the user's lists; null: `#Inbox`, said as the text said it.
  if (task.listId !== undefined) body.listId = task.listId;
  if (task.recurrence) body.recurrence = task.recurrence;
  if (task.reminders?.length) body.reminders = task.reminders;
  return body;
}
