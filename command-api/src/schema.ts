import type { Migration } from '@todo/platform';

/** Tables owned by the command side: accounts and idempotency records. */
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
];
