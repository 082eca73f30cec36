import type { Migration } from '@todo/platform';

/** Durable timers: one row per pending job; a row is deleted in the transaction that fires it. */
export const schedulerMigrations: Migration[] = [
  {
    name: '0300_scheduled_jobs',
    up: async (knex) => {
      await knex.raw(`
        create table scheduled_jobs (
          name text primary key,
          due_at timestamptz not null,
          data jsonb not null,
          attempts integer not null default 0,
          scheduled_at timestamptz not null default now()
        );
        create index scheduled_jobs_due on scheduled_jobs (due_at);
      `);
    },
  },
];
