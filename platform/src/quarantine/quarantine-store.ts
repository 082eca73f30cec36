import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import { storableJson, storableText } from './storable.ts';

/** What a consumer keeps in order: its events of one stream, or of one user (the relay). */
export type OrderBy = 'stream' | 'user';

export const orderKeyOf = (event: AnyEnvelope, orderBy: OrderBy): string =>
  orderBy === 'user' ? event.userid : event.subject;

export interface QuarantineRecord {
  consumer: string;
  event: AnyEnvelope;
  orderBy: OrderBy;
  /** Where the consumer read it: a PostgreSQL log cursor, a Kafka partition and offset. */
  cursor: string;
  error: string;
  attempts: number;
  blockedBy: string | null;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

export interface QuarantinedRow {
  consumer: string;
  event_id: string;
  stream_id: string;
  user_id: string;
  type: string;
  order_key: string;
  user_seq: string;
  cursor: string;
  envelope: AnyEnvelope;
  error: string;
  attempts: number;
  blocked_by: string | null;
  first_failed_at: Date;
  last_failed_at: Date;
  retry_requested_at: Date | null;
}

/** Records an event as quarantined; a repeat (redelivery) only refreshes the failure. */
export async function insertQuarantined(db: Knex | Knex.Transaction, r: QuarantineRecord): Promise<void> {
  await db('quarantined_events')
    .insert({
      consumer: r.consumer,
      event_id: storableText(r.event.id),
      stream_id: storableText(r.event.subject),
      user_id: storableText(r.event.userid),
      type: storableText(r.event.type),
      order_key: storableText(orderKeyOf(r.event, r.orderBy)),
      user_seq: r.event.userseq,
      cursor: r.cursor,
      envelope: JSON.stringify(storableJson(r.event)),
      error: storableText(r.error.slice(0, 4000)),
      attempts: r.attempts,
      blocked_by: r.blockedBy,
      first_failed_at: r.firstFailedAt,
      last_failed_at: r.lastFailedAt,
    })
    .onConflict(['consumer', 'event_id'])
    .merge(['error', 'last_failed_at']);
}

/**
 * `parkedKeys` as a scalar subquery, to run inside a larger statement: a JSON object from
 * each parked key to its head (read it with `parkedFromJson`).
 */
export function parkedKeysSql(
  consumer: string,
  keys: string[],
): { sql: string; bindings: readonly Knex.RawBinding[] } {
  return {
    sql: `(select coalesce(json_object_agg(order_key, head), '{}'::json) from (
             select distinct on (order_key) order_key, event_id as head from quarantined_events
              where consumer = ? and order_key = any(?::text[])
              order by order_key, user_seq) as parked)`,
    bindings: [consumer, keys.map(storableText)],
  };
}

/** The value of `parkedKeysSql`, as `parkedKeys` returns it. */
export function parkedFromJson(value: unknown): Map<string, string> {
  const object = typeof value === 'string' ? JSON.parse(value) : value;
  return new Map(Object.entries((object ?? {}) as Record<string, string>));
}

/**
 * The keys among `keys` that have quarantined events for this consumer, each with the id
 * of the first of them (the event the later ones are parked behind).
 */
export async function parkedKeys(
  db: Knex | Knex.Transaction,
  consumer: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const query = parkedKeysSql(consumer, keys);
  const result = await db.raw<{ rows: { parked: unknown }[] }>(
    `select ${query.sql} as parked`,
    query.bindings,
  );
  return parkedFromJson(result.rows[0]?.parked);
}

export interface QuarantineFilter {
  consumer?: string;
  eventId?: string;
}

export async function listQuarantined(
  db: Knex | Knex.Transaction,
  filter: QuarantineFilter = {},
): Promise<QuarantinedRow[]> {
  const query = db('quarantined_events').select('*').orderBy(['consumer', 'order_key', 'user_seq']);
  if (filter.consumer) query.where({ consumer: filter.consumer });
  if (filter.eventId) query.where({ event_id: filter.eventId });
  return query;
}

/**
 * Asks the live consumers to retry: flags every row of each parked key that holds a
 * matching event (a key is retried as a whole, in order, so nothing overtakes its head).
 * Returns the flagged rows.
 */
export async function requestRetry(
  db: Knex | Knex.Transaction,
  filter: QuarantineFilter = {},
): Promise<{ consumer: string; event_id: string }[]> {
  const result = await db.raw<{ rows: { consumer: string; event_id: string }[] }>(
    `update quarantined_events q set retry_requested_at = now()
       from (select distinct consumer, order_key from quarantined_events
              where (?::text is null or consumer = ?) and (?::text is null or event_id = ?)) k
      where q.consumer = k.consumer and q.order_key = k.order_key
      returning q.consumer, q.event_id`,
    [filter.consumer ?? null, filter.consumer ?? null, filter.eventId ?? null, filter.eventId ?? null],
  );
  return result.rows;
}
