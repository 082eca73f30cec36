import type { Migration } from '../db/migrations.ts';
import { quarantineMigrations } from '../quarantine/schema.ts';
import { appendBatchFunctionMigrations } from './append-batch-function.ts';
import { appendFunctionMigrations } from './append-function.ts';
import { consumerAdvanceMigrations } from '../event-log/consumer-advance-function.ts';

/**
 * The event store's tables. `events` is append-only: the log of record and the audit trail.
 * `transaction_id` (xid8) lets readers skip nothing when transactions commit out of order.
 */
export const eventStoreMigrations: Migration[] = [
  {
    name: '0001_event_store',
    up: async (knex) => {
      await knex.raw(`
        create table streams (
          stream_id uuid primary key,
          user_id uuid not null,
          version integer not null
        );
        create table user_logs (
          user_id uuid primary key,
          last_seq bigint not null
        );
        create table events (
          position bigint generated always as identity primary key,
          transaction_id xid8 not null default pg_current_xact_id(),
          event_id uuid not null unique,
          stream_id uuid not null,
          stream_version integer not null,
          user_id uuid not null,
          user_seq bigint not null,
          type text not null,
          data jsonb not null,
          source text not null,
          correlation_id text not null,
          causation_id text,
          recorded_at timestamptz not null default clock_timestamp(),
          unique (stream_id, stream_version),
          unique (user_id, user_seq)
        );
        create index events_log_order on events (transaction_id, position);
        create index events_user_position on events (user_id, position);
        create table consumer_checkpoints (
          consumer text primary key,
          transaction_id xid8 not null,
          position bigint not null,
          updated_at timestamptz not null default now()
        );
      `);
    },
  },
  // Every consumer of the log may set events aside; the table lives with the log.
  ...quarantineMigrations,
  ...appendFunctionMigrations,
  ...appendBatchFunctionMigrations,
  ...consumerAdvanceMigrations,
];
