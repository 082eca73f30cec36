import type { AnyEnvelope } from '@todo/contracts';
import { prepared, runBatchWrites, type BatchWrites, type Knex } from '@todo/platform';
import { evolveTask } from './evolve.ts';
import { toTaskView, type TaskDoc } from './task-doc.ts';
import { columnAsTextSql, rowToDoc, upsertTasks } from './task-row.ts';
import { TASK_COLUMNS } from './schema.ts';
import { isListEvent, ListBatch } from '../lists/list-batch.ts';

export const TASKS_PROJECTION = 'tasks';
/** The NOTIFY channel the projection signals after a batch; realtime listens on it. */
export const PROJECTION_CHANNEL = 'todo_projection';
const NOTIFY_USERS_PER_PAYLOAD = 150; // 150 × 37 characters < 8000 bytes

export interface ApplyOptions {
  table?: string;
  /** The lists read model's table (replay builds a fresh one beside the fresh tasks). */
  listsTable?: string;
  /** Live projection only: progress counters and the realtime change feed. */
  live?: boolean;
  /**
   * The events were set aside (quarantined) by the log: the rows stay as they are, but the
   * events still count as done for read-your-writes and get a feed row (the task as it
   * stands), so neither the user's reads nor their realtime stream wait for them.
   */
  skipped?: boolean;
  /**
   * The touched rows as the read of the batch gave them (TOUCHED_TASK_SQL, one per event, null
   * for none), instead of reading them here: a round trip fewer for a planned batch.
   */
  touched?: unknown[];
}

/**
 * For the log's read of a batch (SubscribeOptions.prefetch): each event's task row as JSON,
 * its timestamps as the API's text (as taskColumnsAsText reads them, which rowToDoc takes
 * as they are), null when there is none (a new task, a list event). The live table only.
 */
export const TOUCHED_TASK_SQL = `(select to_jsonb(t) from (select ${TASK_COLUMNS.map(columnAsTextSql).join(
  ', ',
)} from tasks where id = events.stream_id) t)`;

const uniqueRows = (touched: unknown[]): Record<string, unknown>[] => [
  ...new Map(
    touched
      .filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object')
      .map((r) => [r.id as string, r]),
  ).values(),
];

/** What a feed row of a list event says: realtime sends `list.upserted` or `list.deleted`. */
export const LIST_FEED_KINDS = { upserted: 'list-upserted', deleted: 'list-deleted' } as const;

/**
 * Plans a batch of events for the tasks and lists tables: load the touched rows (through `db`:
 * the consumer's transaction, or the pool for a batch the log commits in one statement), fold
 * in memory, and answer the writes, each row once. List events are folded into `lists` and,
 * like task events, get their row in the change feed (its `task_id` then holds the list's
 * id), so that every event of a user has its feed row.
 */
export async function planTasks(
  db: Knex | Knex.Transaction,
  events: AnyEnvelope[],
  options: ApplyOptions = {},
): Promise<BatchWrites> {
  const table = options.table ?? 'tasks';
  const live = options.live ?? true;
  const lists = await ListBatch.load(db, options.listsTable ?? 'lists', events);
  const ids = [...new Set(events.filter((e) => !isListEvent(e)).map((e) => e.subject))];
  const rows = options.touched
    ? uniqueRows(options.touched)
    : await prepared(db(table).select(TASK_COLUMNS).whereRaw('id = any(?::uuid[])', [ids]), 'tasks_touched');
  const docs = new Map<string, TaskDoc | null>(rows.map((r) => [r.id as string, rowToDoc(r)]));
  const existed = new Set(docs.keys());
  const changes: Record<string, unknown>[] = [];
  // The last user sequence applied per user (a user's events arrive in sequence order).
  const applied = new Map<string, bigint>();

  for (const event of events) {
    const seq = BigInt(event.userseq);
    if (seq > (applied.get(event.userid) ?? 0n)) applied.set(event.userid, seq);
    let view: object | null;
    let kind: string;
    if (isListEvent(event)) {
      view = lists.apply(event, options.skipped ?? false);
      kind = view ? LIST_FEED_KINDS.upserted : LIST_FEED_KINDS.deleted;
    } else {
      const before = docs.get(event.subject) ?? null;
      const after = options.skipped ? before : evolveTask(before, event);
      docs.set(event.subject, after);
      view = after ? toTaskView(after) : null;
      kind = after ? 'upserted' : 'deleted';
    }
    if (live) {
      changes.push({
        user_id: event.userid,
        user_seq: event.userseq,
        position: event.position,
        task_id: event.subject,
        kind,
        task: view ? JSON.stringify(view) : null,
        event_type: event.type,
        event_data: JSON.stringify(event.data ?? {}),
        event_time: event.time,
      });
    }
  }

  const statements: BatchWrites['statements'] = [];
  if (!options.skipped) {
    const upserts = [...docs.values()].filter((d): d is TaskDoc => d !== null);
    const deletes = [...docs.entries()].filter(([id, d]) => d === null && existed.has(id)).map(([id]) => id);
    if (upserts.length) statements.push(upsertTasks(db, table, upserts));
    if (deletes.length) statements.push(db(table).whereIn('id', deletes).delete());
    statements.push(...lists.writes(db));
  }
  if (!live) return { statements };
  // The rows, the change feed, the progress and the NOTIFY go out in one statement (see
  // batchStatement): on this machine a batch costs mostly its round trips, and at low load
  // each one is latency to the devices. A NOTIFY payload is limited to 8000 bytes: it names
  // the users in chunks that fit.
  const users = [...applied.keys()];
  const payloads: string[] = [];
  for (let i = 0; i < users.length; i += NOTIFY_USERS_PER_PAYLOAD) {
    payloads.push(users.slice(i, i + NOTIFY_USERS_PER_PAYLOAD).join(','));
  }
  if (changes.length) {
    statements.push(db('task_changes').insert(changes).onConflict(['user_id', 'user_seq']).ignore());
  }
  statements.push(
    db.raw(
      `insert into projection_user_progress (projection, user_id, applied)
       select ?, u.user_id, u.n from unnest(?::uuid[], ?::bigint[]) as u(user_id, n)
       on conflict (projection, user_id) do update
         set applied = greatest(projection_user_progress.applied, excluded.applied)`,
      [TASKS_PROJECTION, users, [...applied.values()].map(String)],
    ),
  );
  return { statements, notify: { channel: PROJECTION_CHANNEL, payloads } };
}

/** Applies a batch to the tasks and lists tables inside the consumer's transaction (planTasks). */
export async function applyToTasks(trx: Knex.Transaction, events: AnyEnvelope[], options: ApplyOptions = {}) {
  await runBatchWrites(trx, await planTasks(trx, events, options));
}
