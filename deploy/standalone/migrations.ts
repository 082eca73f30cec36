import { chatMigrations } from '@todo/chatbot';
import { commandApiMigrations } from '@todo/command-api';
import {
  apiTokenMigrations,
  eventStoreMigrations,
  kafkaConsumerMigrations,
  type Migration,
} from '@todo/platform';
import {
  listsProjectionMigrations,
  tasksProjectionMigrations,
  viewsProjectionMigrations,
} from '@todo/projectors';
import { calendarFeedMigrations } from '@todo/query-api';
import { sagaMigrations } from '@todo/sagas';
import { realtimeMigrations } from '@todo/realtime';

/** Every schema change of the system, from every service that owns tables. */
export const allMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...commandApiMigrations,
  ...apiTokenMigrations,
  ...tasksProjectionMigrations,
  ...viewsProjectionMigrations,
  ...listsProjectionMigrations,
  ...kafkaConsumerMigrations,
  ...sagaMigrations,
  ...realtimeMigrations,
  ...chatMigrations,
  ...calendarFeedMigrations,
];
