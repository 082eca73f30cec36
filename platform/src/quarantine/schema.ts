import type { Migration } from '../db/migrations.ts';

/**
 * Events a consumer could not apply, set aside so that the rest of the log flows on.
 * One row per (consumer, event). `order_key` is what the consumer keeps in order (the
 * stream, or the user for the relay): while a key has rows, later events with that key are
 * parked here behind the first (`blocked_by`) instead of being applied out of order.
 * `envelope` is the event as it was read, so a retry needs no access to the log (a Kafka
 * record may have been compacted away). `retry_requested_at` is set by the operator's
 * command; the live consumer retries flagged rows with its own handler.
 */
export const quarantineMigrations: Migration[] = [
  {
    name: '0002_quarantined_events',
    up: async (knex) => {
      await knex.raw(`
        create table quarantined_events (
          consumer text not null,
          event_id text not null,
          stream_id text not null,
          user_id text not null,
          type text not null,
          order_key text not null,
          user_seq bigint not null,
          cursor text not null,
          envelope jsonb not null,
          error text not null,
          attempts integer not null,
          blocked_by text,
          first_failed_at timestamptz not null,
          last_failed_at timestamptz not null,
          retry_requested_at timestamptz,
          primary key (consumer, event_id)
        );
        create index quarantined_events_key on quarantined_events (consumer, order_key, user_seq);
        create index quarantined_events_retry on quarantined_events (consumer) where retry_requested_at is not null;
      `);
    },
  },
];
