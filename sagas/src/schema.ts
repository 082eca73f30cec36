import type { Migration } from '@todo/platform';
import { schedulerMigrations } from './scheduler/scheduler-schema.ts';
import { emailMigrations } from './email/email-schema.ts';
import { webhookMigrations } from './webhooks/webhook-schema.ts';

/** The sagas' tables (migration names 0300_..0399_). */
export const sagaMigrations: Migration[] = [...schedulerMigrations, ...webhookMigrations, ...emailMigrations];
