/** One row of the change feed `task_changes`, as the realtime service reads it. */
export interface FeedRow {
  userSeq: bigint;
  taskId: string;
  kind: 'upserted' | 'deleted';
  /** The task exactly as GET /api/tasks/:id shows it (null when deleted). */
  task: unknown;
  eventType: string;
  eventData: Record<string, unknown>;
}
