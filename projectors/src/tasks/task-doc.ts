import type { Priority, Recurrence, Reminder, TaskStatus, TaskView } from '@todo/contracts';

/** A task as the read model keeps it: the view the API shows, plus its owner. */
export interface TaskDoc {
  id: string;
  userId: string;
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  dueAt: string | null;
  allDay: boolean;
  timezone: string;
  recurrence: Recurrence | null;
  reminders: Reminder[];
  status: TaskStatus;
  completedAt: string | null;
  seriesId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toTaskView(doc: TaskDoc): TaskView {
  const { userId: _userId, ...view } = doc;
  return view;
}
