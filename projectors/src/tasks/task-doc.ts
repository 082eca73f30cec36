import type { TaskFields, TaskStatus, TaskView } from '@todo/contracts';

/** A task as the read model keeps it: the view the API shows, plus its owner. */
export type TaskDoc = TaskFields & {
  id: string;
  userId: string;
  status: TaskStatus;
  completedAt: string | null;
  seriesId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export function toTaskView(doc: TaskDoc): TaskView {
  const { userId: _userId, ...view } = doc;
  return view;
}
