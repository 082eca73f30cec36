import type { Migration } from '@todo/platform';

/** Tables owned by the command side: accounts, idempotency records, log-in failures. */
export const commandApiMigrations: Migration[] = [
  {
    name: '0100_users',
    up: async (knex) => {
      await knex.raw(`
        create table users (
          id uuid primary key,
          email text not null unique,
          password_hash text not null,
          timezone text not null default 'UTC',
          created_at timestamptz not null default now()
        );
        create table idempotency_keys (
          user_id uuid not null,
          key text not null,
          request_hash text not null,
          status_code integer,
          response jsonb,
          created_at timestamptz not null default now(),
          primary key (user_id, key)
        );
      `);
    },
  },
  {
    // Wrong passwords, one row per key (account, address) and attempt, for the log-in limit.
    name: '0110_login_failures',
    up: async (knex) => {
      await knex.raw(`
        create table login_failures (
          id bigint generated always as identity primary key,
          key text not null,
          failed_at timestamptz not null
        );
        create index login_failures_by_key on login_failures (key, failed_at);
        create index login_failures_by_time on login_failures (failed_at);
      `);
    },
  },
];
