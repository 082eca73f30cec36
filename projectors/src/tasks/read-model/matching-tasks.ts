import type { TaskStatus, TaskView } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { TASK_COLUMNS } from '../schema.ts';
import { toTaskView } from '../task-doc.ts';
import { rowToDoc } from '../task-row.ts';

const MAX_WORDS = 10;
const MAX_MATCHES = 50;

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The user's tasks whose title contains every word of `target` (case-insensitive), most
 * recently changed first: how the chat finds the task a sentence names.
 */
export async function tasksMatching(
  knex: Knex,
  userId: string,
  target: string,
  statuses: readonly TaskStatus[],
): Promise<TaskView[]> {
  const words = target
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS);
  if (words.length === 0) return [];
  const q = knex('tasks').select(TASK_COLUMNS).where('user_id', userId).whereIn('status', statuses);
  for (const w of words) q.andWhereRaw(`title ilike ? escape '\\'`, [`%${escapeLike(w)}%`]);
  const rows: Record<string, unknown>[] = await q.orderBy('updated_at', 'desc').limit(MAX_MATCHES);
  return rows.map((r) => toTaskView(rowToDoc(r)));
}
