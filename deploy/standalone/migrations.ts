import { chatMigrations } from '@todo/chatbot';
import { commandApiMigrations } from '@todo/command-api/schema.ts';
import { eventStoreMigrations, type Migration } from '@todo/platform';
import { tasksProjectionMigrations } from '@todo/projectors/tasks/schema.ts';
import { kafkaConsumerMigrations } from '@todo/platform/event-log/kafka/schema.ts';
import { sagaMigrations } from '@todo/sagas/schema.ts';
import { realtimeMigrations } from '@todo/realtime/schema.ts';

/** Every schema change of the system, from every service that owns tables. */
export const allMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...commandApiMigrations,
  ...tasksProjectionMigrations,
  ...kafkaConsumerMigrations,
  ...sagaMigrations,
  ...realtimeMigrations,
  ...chatMigrations,
];
