import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { evolveTask } from './evolve.ts';
import { toTaskView, type TaskDoc } from './task-doc.ts';
import { docToRow, rowToDoc } from './task-row.ts';
import { TASK_COLUMNS } from './schema.ts';

export const TASKS_PROJECTION = 'tasks';
/** The NOTIFY channel the projection signals after a batch; realtime listens on it. */
export const PROJECTION_CHANNEL = 'todo_projection';
const NOTIFY_USERS_PER_PAYLOAD = 150; // 150 × 37 characters < 8000 bytes

export interface ApplyOptions {
  table?: string;
  /** Live projection only: progress counters and the realtime change feed. */
  live?: boolean;
  /**
   * The events were set aside (quarantined) by the log: the rows stay as they are, but the
   * events still count as done for read-your-writes and get a feed row (the task as it
   * stands), so neither the user's reads nor their realtime stream wait for them.
   */
  skipped?: boolean;
}

/**
 * Applies a batch of events to the tasks table inside the consumer's transaction: load
 * the touched rows, fold in memory, write each row once.
 */
export async function applyToTasks(trx: Knex.Transaction, events: AnyEnvelope[], options: ApplyOptions = {}) {
  const table = options.table ?? 'tasks';
  const live = options.live ?? true;
  const ids = [...new Set(events.map((e) => e.subject))];
  const rows = await trx(table).select(TASK_COLUMNS).whereIn('id', ids);
  const docs = new Map<string, TaskDoc | null>(rows.map((r) => [r.id as string, rowToDoc(r)]));
  const existed = new Set(docs.keys());
  const changes: Record<string, unknown>[] = [];
  // The last user sequence applied per user (a user's events arrive in sequence order).
  const applied = new Map<string, bigint>();

  for (const event of events) {
    const before = docs.get(event.subject) ?? null;
    const after = options.skipped ? before : evolveTask(before, event);
    docs.set(event.subject, after);
    const seq = BigInt(event.userseq);
    if (seq > (applied.get(event.userid) ?? 0n)) applied.set(event.userid, seq);
    if (live) {
      changes.push({
        user_id: event.userid,
        user_seq: event.userseq,
        position: event.position,
        task_id: event.subject,
        kind: after ? 'upserted' : 'deleted',
        task: after ? JSON.stringify(toTaskView(after)) : null,
        event_type: event.type,
        event_data: JSON.stringify(event.data ?? {}),
        event_time: event.time,
      });
    }
  }

  const upserts = options.skipped
    ? []
    : [...docs.values()].filter((d): d is TaskDoc => d !== null).map(docToRow);
  const deletes = options.skipped
    ? []
    : [...docs.entries()].filter(([id, d]) => d === null && existed.has(id)).map(([id]) => id);
  if (upserts.length) await trx(table).insert(upserts).onConflict('id').merge();
  if (deletes.length) await trx(table).whereIn('id', deletes).delete();
  if (!live) return;
  if (changes.length) await trx('task_changes').insert(changes).onConflict(['user_id', 'user_seq']).ignore();
  await trx.raw(
    `insert into projection_user_progress (projection, user_id, applied)
     select ?, u.user_id, u.n from unnest(?::uuid[], ?::bigint[]) as u(user_id, n)
     on conflict (projection, user_id) do update
       set applied = greatest(projection_user_progress.applied, excluded.applied)`,
    [TASKS_PROJECTION, [...applied.keys()], [...applied.values()].map(String)],
  );
  // A NOTIFY payload is limited to 8000 bytes: name the users in chunks that fit.
  const users = [...applied.keys()];
  for (let i = 0; i < users.length; i += NOTIFY_USERS_PER_PAYLOAD) {
    await trx.raw('select pg_notify(?, ?)', [
      PROJECTION_CHANNEL,
      users.slice(i, i + NOTIFY_USERS_PER_PAYLOAD).join(','),
    ]);
  }
}
