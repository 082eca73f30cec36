import type { Migration } from '@todo/platform';

/**
 * The chatbot's conversations. `state` holds what the next message may refer to: the
 * question it asked (which task was meant) and its last action (for "undo").
 */
export const chatMigrations: Migration[] = [
  {
    name: '0500_chat_conversations',
    up: async (knex) => {
      await knex.raw(`
        create table chat_conversations (
          id uuid primary key,
          user_id uuid not null,
          title text not null,
          state jsonb not null default '{}'::jsonb,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create index chat_conversations_by_user on chat_conversations (user_id, updated_at desc, id);
        create table chat_messages (
          seq bigint generated always as identity primary key,
          id uuid not null unique,
          conversation_id uuid not null references chat_conversations (id) on delete cascade,
          user_id uuid not null,
          role text not null check (role in ('user', 'assistant')),
          text text not null,
          actions jsonb not null default '[]'::jsonb,
          created_at timestamptz not null default now()
        );
        create index chat_messages_by_conversation on chat_messages (conversation_id, seq);
      `);
    },
  },
];
