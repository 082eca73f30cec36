import type { Migration } from '@todo/platform';

/**
 * A user's address for reminder emails (one per user; reminders go only to a verified
 * one) and the outbox of mails: one `reminder` per firing (`firing_id`, the reminder-fired
 * event, is unique, so a redelivered event never queues a second mail) and the `verify`
 * mails of new addresses. The sagas' worker sends both, so only it needs a mail server.
 */
export const emailMigrations: Migration[] = [
  {
    name: '0350_email_reminders',
    up: async (knex) => {
      await knex.raw(`
        create table email_addresses (
          user_id uuid primary key,
          address text not null,
          verified_at timestamptz,
          verification_requested_at timestamptz
        );
        create table email_deliveries (
          delivery_id uuid primary key,
          kind text not null check (kind in ('reminder', 'verify')),
          user_id uuid not null,
          firing_id uuid unique,
          task_id text,
          reminder_id text,
          scheduled_for timestamptz,
          address text not null,
          status text not null default 'pending',
          attempts integer not null default 0,
          last_error text,
          next_attempt_at timestamptz,
          created_at timestamptz not null,
          finished_at timestamptz
        );
        create index email_deliveries_due on email_deliveries (next_attempt_at) where status = 'pending';
      `);
    },
  },
];
