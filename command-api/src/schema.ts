import type { Migration } from '@todo/platform';

/** Tables owned by the command side: accounts, idempotency records, log-in failures, imports. */
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
  {
    // Imports (issue 15): progress and report of each, so any instance can answer a poll.
    name: '0160_data_import_jobs',
    up: async (knex) => {
      await knex.raw(`
        create table data_import_jobs (
          id uuid primary key,
          user_id uuid not null,
          source text not null,
          status text not null,
          total integer not null,
          processed integer not null,
          created integer not null,
          unchanged integer not null,
          report jsonb not null,
          report_omitted integer not null,
          created_at timestamptz not null,
          finished_at timestamptz
        );
        create index data_import_jobs_by_user on data_import_jobs (user_id, created_at);
      `);
    },
  },
];
