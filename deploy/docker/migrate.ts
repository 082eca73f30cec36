// The migration job of a deploy (a Helm pre-install/pre-upgrade hook): applies every
// service's schema once, before the new pods start.
import { createKnex, createLogger, migrate } from '@todo/platform';
import { allMigrations } from '../standalone/migrations.ts';

const logger = createLogger(process.env.LOG_LEVEL ?? 'info', 'migrate');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const knex = createKnex(url, 2);
await migrate(knex, allMigrations);
await knex.destroy();
logger.info({ migrations: allMigrations.length }, 'schema up to date');
