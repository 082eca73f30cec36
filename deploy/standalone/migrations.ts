import { eventStoreMigrations, type Migration } from '@todo/platform';

/** Every schema change of the system, from every service that owns tables. */
export const allMigrations: Migration[] = [...eventStoreMigrations];
