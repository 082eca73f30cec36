import type { CreateTaskBody, Priority, Recurrence, ReminderInput, TaskView } from '@todo/contracts';
import { instantToZoned, zonedToInstant } from '../../../core/time/zoned-time';

export interface ReminderDraft {
  id?: string;
  kind: 'before' | 'at';
  minutes: number;
  /** YYYY-MM-DDTHH:mm in the task's zone */
  at: string;
}

/** The editor's form, in the words of its controls (local dates, times and zone). */
export interface TaskDraft {
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  dueDate: string;
  dueTime: string;
  timezone: string;
  recurrence: Recurrence | null;
  reminders: ReminderDraft[];
  /** The list's id; null: the Inbox. */
  listId: string | null;
}

export function emptyDraft(timezone: string): TaskDraft {
  return {
    title: '',
    description: '',
    priority: 'none',
    tags: [],
    dueDate: '',
    dueTime: '',
    timezone,
    recurrence: null,
    reminders: [],
    listId: null,
  };
}

export function draftFromTask(task: TaskView): TaskDraft {
  const due = task.dueAt ? instantToZoned(task.dueAt, task.timezone) : null;
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: [...task.tags],
    dueDate: due?.date ?? '',
    dueTime: due && !task.allDay ? due.time : '',
    timezone: task.timezone,
    recurrence: task.recurrence,
    listId: task.listId ?? null,
    reminders: task.reminders.map((r) => {
      if ('minutesBefore' in r) return { id: r.id, kind: 'before', minutes: r.minutesBefore, at: '' };
      const at = instantToZoned(r.at, task.timezone);
      return { id: r.id, kind: 'at', minutes: 0, at: `${at.date}T${at.time}` };
    }),
  };
}

/** The full set of fields to send: used as the create body and as the PATCH body. */
export function bodyFromDraft(
  draft: TaskDraft,
): Required<Omit<CreateTaskBody, 'dueAt' | 'recurrence'>> & Pick<CreateTaskBody, 'dueAt' | 'recurrence'> {
  const allDay = draft.dueDate !== '' && draft.dueTime === '';
  const dueAt = draft.dueDate
    ? zonedToInstant(draft.dueDate, draft.dueTime || '00:00', draft.timezone)
    : null;
  const reminders: ReminderInput[] = draft.reminders.flatMap((r): ReminderInput[] => {
    const id = r.id ? { id: r.id } : {};
    if (r.kind === 'before') return [{ ...id, minutesBefore: Math.max(0, Math.floor(r.minutes)) }];
    if (!r.at) return [];
    const [date = '', time = '00:00'] = r.at.split('T');
    return [{ ...id, at: zonedToInstant(date, time, draft.timezone) }];
  });
  return {
    title: draft.title.trim(),
    description: draft.description,
    priority: draft.priority,
    tags: draft.tags,
    dueAt,
    allDay,
    timezone: draft.timezone,
    recurrence: draft.recurrence,
    reminders,
    listId: draft.listId,
  };
}

/** A typed tag as the API stores it: no leading #, lower case, no spaces or commas. */
export function normaliseTag(raw: string): string {
  return raw
    .trim()
    .replace(/^#+/, '')
    .toLowerCase()
    .replace(/[\s,#]+/g, '-');
}
