import { INBOX_LIST_KEY } from '../lists.ts';
import type { Priority, TaskStatus } from '../task-fields.ts';
import type { ResolvedFilter } from './resolve-filter.ts';

/** The fields of a task a filter looks at (a TaskView has them all). */
export interface FilterableTask {
  title: string;
  description: string;
  priority: Priority;
  tags: readonly string[];
  dueAt: string | null;
  allDay: boolean;
  recurrence: unknown;
  status: TaskStatus;
  createdAt: string;
  listId: string | null;
}

const WORDS = /[\p{L}\p{N}]+/gu;
const wordsOf = (text: string) => text.toLowerCase().match(WORDS) ?? [];

const inRange = (at: string, from: string | null, to: string | null) => {
  const ms = Date.parse(at);
  return (from === null || ms >= Date.parse(from)) && (to === null || ms < Date.parse(to));
};

/**
 * Whether a task matches a resolved filter, in memory: the reference the SQL compiler is held
 * to, and what the SPA can use to place a task that changed live. `search` matches as the
 * database does: every word of the text is the start of a word of the title or description.
 */
export function matchesFilter(task: FilterableTask, filter: ResolvedFilter): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesFilter(task, filter.left) && matchesFilter(task, filter.right);
    case 'or':
      return matchesFilter(task, filter.left) || matchesFilter(task, filter.right);
    case 'not':
      return !matchesFilter(task, filter.operand);
    case 'due':
      return task.dueAt !== null && inRange(task.dueAt, filter.from, filter.to);
    case 'created':
      return inRange(task.createdAt, filter.from, filter.to);
    case 'overdue': {
      if (task.dueAt === null) return false;
      return Date.parse(task.dueAt) < Date.parse(task.allDay ? filter.startOfToday : filter.now);
    }
    case 'noDate':
      return task.dueAt === null;
    case 'priority':
      return task.priority === filter.priority;
    case 'label':
      return task.tags.includes(filter.name);
    case 'noLabels':
      return task.tags.length === 0;
    case 'list':
      return filter.listIds.includes(task.listId ?? INBOX_LIST_KEY);
    case 'nothing':
      return false;
    case 'search': {
      const words = wordsOf(`${task.title} ${task.description}`);
      const wanted = wordsOf(filter.text).slice(0, 10);
      return wanted.every((w) => words.some((word) => word.startsWith(w)));
    }
    case 'recurring':
      return task.recurrence !== null;
    case 'completed':
      return task.status === 'completed';
  }
}
