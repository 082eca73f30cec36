import type { Migration } from '@todo/platform';

export const realtimeMigrations: Migration[] = [
  {
    name: '0400_realtime_tickets',
    up: async (knex) => {
      await knex.raw(`
        -- Single-use WebSocket tickets, in the database so that any instance can redeem
        -- them; only a hash is kept, so the table holds nothing a client could use.
        create table realtime_tickets (
          ticket_hash text primary key,
          user_id uuid not null,
          expires_at timestamptz not null
        );
        create index realtime_tickets_by_expiry on realtime_tickets (expires_at);
      `);
    },
  },
  {
    name: '0401_task_changes_retention',
    up: async (knex) => {
      await knex.raw(`
        -- Per user, feed rows at or below pruned_through may have been deleted by the
        -- retention job: a client resuming from before it must reload (resync).
        create table task_changes_horizon (
          user_id uuid primary key,
          pruned_through bigint not null
        );
        create index task_changes_by_event_time on task_changes (event_time);
      `);
    },
  },
  {
    name: '0402_realtime_tickets_token_valid_until',
    up: async (knex) => {
      await knex.raw(`
        -- When the token the ticket was bought with stops being accepted: the socket it
        -- opens ends then.
        alter table realtime_tickets add column token_valid_until timestamptz;
      `);
    },
  },
  {
    name: '0403_tokens_realtime_tickets_api_token',
    up: async (knex) => {
      await knex.raw(`
        -- The API token the ticket was bought with, if any: its streams end once it is revoked.
        alter table realtime_tickets add column api_token_id uuid;
      `);
    },
  },
];
