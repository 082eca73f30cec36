import type { Migration } from '@todo/platform';

/**
 * A user's webhook (one per user) and the deliveries of reminder firings to it. Each
 * attempt is kept, so the user can see what happened to every delivery.
 */
export const webhookMigrations: Migration[] = [
  {
    name: '0310_webhooks',
    up: async (knex) => {
      await knex.raw(`
        create table webhooks (
          user_id uuid primary key,
          url text not null,
          secret text not null,
          created_at timestamptz not null default now()
        );
        create table webhook_deliveries (
          delivery_id uuid primary key,
          user_id uuid not null,
          event_id uuid not null unique,
          url text not null,
          payload jsonb not null,
          status text not null default 'pending',
          attempts integer not null default 0,
          next_attempt_at timestamptz,
          created_at timestamptz not null default now(),
          finished_at timestamptz
        );
        create index webhook_deliveries_user on webhook_deliveries (user_id, created_at desc);
        create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
        create table webhook_attempts (
          delivery_id uuid not null references webhook_deliveries (delivery_id),
          attempt integer not null,
          attempted_at timestamptz not null,
          status_code integer,
          error text,
          duration_ms integer not null,
          primary key (delivery_id, attempt)
        );
      `);
    },
  },
];
