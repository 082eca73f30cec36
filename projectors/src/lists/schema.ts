import type { Migration } from '@todo/platform';

export const LIST_COLUMNS = [
  'id',
  'user_id',
  'name',
  'colour',
  'position',
  'archived',
  'created_at',
  'updated_at',
  'version',
] as const;

/** DDL of the lists read model; replay creates its fresh table with the same function. */
export function createListsTableSql(table: string): string {
  return `
    create table ${table} (
      id uuid primary key,
      user_id uuid not null,
      name text not null,
      colour text not null,
      position integer not null,
      archived boolean not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null
    );
    create index ${table}_by_user on ${table} (user_id, position, id);
    create index ${table}_by_name on ${table} (user_id, (lower(name)));
  `;
}

export const listsProjectionMigrations: Migration[] = [
  {
    name: '0206_lists_read_model',
    up: (knex) => knex.raw(createListsTableSql('lists')).then(() => undefined),
  },
];
