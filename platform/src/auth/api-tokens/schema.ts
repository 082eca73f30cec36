import type { Migration } from '../../db/migrations.ts';

/**
 * The lookup table of API tokens, written in the same transaction as the events of the
 * user's tokens stream (so a revocation is seen by the very next request, in every
 * process). Only the SHA-256 of a secret is kept; the unique index serves verification.
 */
export const apiTokenMigrations: Migration[] = [
  {
    name: '0120_tokens_api_tokens',
    up: async (knex) => {
      await knex.raw(`
        create table api_tokens (
          id uuid primary key,
          user_id uuid not null,
          email text not null,
          name text not null,
          scopes text[] not null,
          hint text not null,
          secret_hash bytea not null unique,
          created_at timestamptz not null,
          expires_at timestamptz,
          revoked_at timestamptz,
          last_used_at timestamptz
        );
        create index api_tokens_by_user on api_tokens (user_id, created_at);
      `);
    },
  },
];
