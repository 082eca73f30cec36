import type { Migration } from '@todo/platform';

export const calendarFeedMigrations: Migration[] = [
  {
    name: 'feed_0001_calendar_feeds',
    up: async (knex) => {
      await knex.raw(`
        -- One calendar feed per user. Only the SHA-256 of the secret is kept: the URL is
        -- shown once, and the table holds nothing that opens a feed.
        create table calendar_feeds (
          user_id uuid primary key,
          secret_hash text not null unique,
          created_at timestamptz not null
        );
      `);
    },
  },
];
