/** One row of the change feed `task_changes`, as the realtime service reads it. */
export interface FeedRow {
  userSeq: bigint;
  /** The task's id, or the list's for a list event. */
  taskId: string;
  kind: 'upserted' | 'deleted' | 'list-upserted' | 'list-deleted';
  /** The task (or list) exactly as GET /api/tasks/:id (/api/lists/:id) shows it (null when deleted). */
  task: unknown;
  eventType: string;
  eventData: Record<string, unknown>;
}
