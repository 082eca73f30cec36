import type { Migration } from '@todo/platform';

/**
 * A user's address for reminder emails (one per user; reminders go only to a verified
 * one) and one delivery per reminder firing: `firing_id` (the reminder-fired event) is
 * unique, so a redelivered event never queues a second mail.
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
          verification_sent_at timestamptz
        );
        create table email_deliveries (
          delivery_id uuid primary key,
          user_id uuid not null,
          firing_id uuid not null unique,
          task_id text not null,
          reminder_id text not null,
          scheduled_for timestamptz not null,
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
