import type { Migration } from '@todo/platform';

/** DDL of the saved views read model; the replay test builds a fresh copy with it. */
export function createViewsTablesSql(views: string, sets: string): string {
  return `
    -- One row per user who has ever had a view: the version of their views stream.
    create table ${sets} (
      user_id uuid primary key,
      version integer not null
    );
    create table ${views} (
      id uuid primary key,
      user_id uuid not null,
      name text not null,
      filter text not null,
      position integer not null,
      version integer not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index ${views}_by_user on ${views} (user_id, position);
  `;
}

export const viewsProjectionMigrations: Migration[] = [
  {
    name: 'views_0001_saved_views',
    up: async (knex) => {
      await knex.raw(createViewsTablesSql('saved_views', 'saved_view_sets'));
    },
  },
];
