import type { AuditPage, HistoryEntry } from '@todo/contracts';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow, type Knex } from '@todo/platform';

/** An event of the log as the history and audit routes (and the export) show it. */
export function toEntry(row: EventRow): HistoryEntry {
  const e = rowToEnvelope(row);
  return {
    id: e.id,
    taskId: e.subject,
    type: e.type,
    time: e.time,
    version: e.streamversion,
    position: e.userseq,
    correlationId: e.correlationid,
    causationId: e.causationid,
    data: e.data,
  };
}

/** A task's events from the log of record, oldest first; null when not the user's. */
export async function taskHistory(
  knex: Knex,
  userId: string,
  taskId: string,
): Promise<HistoryEntry[] | null> {
  const rows: EventRow[] = await knex('events')
    .select(EVENT_COLUMNS)
    .where({ stream_id: taskId, user_id: userId })
    .orderBy('stream_version');
  return rows.length ? rows.map(toEntry) : null;
}

/** The user's whole trail, newest first, paged by the user's dense event sequence. */
export async function auditTrail(
  knex: Knex,
  userId: string,
  limit: number,
  before?: string,
): Promise<AuditPage> {
  const q = knex('events').select(EVENT_COLUMNS).where({ user_id: userId });
  if (before) q.andWhere('user_seq', '<', before);
  const rows: EventRow[] = await q.orderBy('user_seq', 'desc').limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toEntry), nextCursor: rows.length > limit && last ? String(last.user_seq) : null };
}
