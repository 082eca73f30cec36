import { startOfZonedDay, type DateSpan } from '@todo/contracts';
import { parseTaskText, type ParseOptions } from './parse.ts';

// A placeholder title: the engine reads dates inside task text, so the date is given one.
const PLACEHOLDER = 'x';

/**
 * The span a date in a filter names ("next friday", "may 5", "friday 5pm"), in the user's
 * zone: a whole day for a date, one millisecond for a time. Null unless the engine read
 * every word as the date, so "next friday blah" is refused rather than half understood.
 */
export function filterDateSpan(text: string, options: ParseOptions): DateSpan | null {
  const { task } = parseTaskText(`${PLACEHOLDER} ${text}`, options);
  if (!task?.dueAt || task.title !== PLACEHOLDER || Object.keys(task).length !== 3) return null;
  const at = new Date(task.dueAt);
  const to = task.allDay ? startOfZonedDay(at, options.timezone, 1) : new Date(at.getTime() + 1);
  return { from: at.toISOString(), to: to.toISOString() };
}
