import { chatMigrations } from '@todo/chatbot';
import { commandApiMigrations } from '@todo/command-api';
import { eventStoreMigrations, kafkaConsumerMigrations, type Migration } from '@todo/platform';
import { listsProjectionMigrations, tasksProjectionMigrations } from '@todo/projectors';
import { sagaMigrations } from '@todo/sagas';
import { realtimeMigrations } from '@todo/realtime';

/** Every schema change of the system, from every service that owns tables. */
export const allMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...commandApiMigrations,
  ...tasksProjectionMigrations,
  ...listsProjectionMigrations,
  ...kafkaConsumerMigrations,
  ...sagaMigrations,
  ...realtimeMigrations,
  ...chatMigrations,
];
