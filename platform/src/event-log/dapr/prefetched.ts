import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A subscription's `prefetch` (SubscribeOptions.prefetch, written against the store's
 * `events` row) for delivered events, as a scalar subquery to ride on the delivery's claim:
 * the sidecar delivers the envelopes, their rows are in the same database (the log of record),
 * and the plan then need not read what the events build on in a round trip of its own.
 * `read` answers the values in the order of `among`, or null when an event has no row here
 * (an id that is no UUID, a database that does not hold the store): the handler then reads
 * for itself.
 */
export function prefetchQuery(
  prefetch: string,
  events: AnyEnvelope[],
): {
  sql: string;
  bindings: readonly Knex.RawBinding[];
  read(value: unknown, among: AnyEnvelope[]): unknown[] | null;
} {
  return {
    // Each value inside a one-element array, so that a null value is told from a missing row.
    sql: `(select coalesce(json_object_agg(events.event_id, json_build_array(${prefetch})), '{}'::json)
             from events where events.event_id = any(?::uuid[]))`,
    bindings: [[...new Set(events.map((e) => e.id).filter((id) => UUID.test(id)))]],
    read: (value, among) => {
      const rows = (typeof value === 'string' ? JSON.parse(value) : value) as Record<
        string,
        [unknown]
      > | null;
      if (!rows || !among.every((e) => Object.hasOwn(rows, e.id))) return null;
      return among.map((e) => rows[e.id]![0]);
    },
  };
}
