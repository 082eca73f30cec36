// `npm run dapr:prepare`: what `dapr run -f .` (dapr.yaml) needs before it starts the apps.
// The sidecars' resources in .dapr/resources: the chart's Dapr files (one source) with
// KAFKA_BROKERS, DATABASE_URL and the JWT secret (JWT_SECRET, or one made once and kept in
// .dapr/jwt-secret) in the local secret store, where the apps read them through their
// sidecars; and DATABASE_URL migrated (in start:dapr the launcher does both). The relay
// creates the topics when it starts.
import { join, resolve } from 'node:path';
import { createKnex, createLogger, migrate, resolveJwtSecret } from '@todo/platform';
import { writeResources } from '@todo/platform/local';
import { allMigrations } from '../standalone/migrations.ts';
import { PUBSUB_APP_IDS } from './dapr-apps.ts';

const logger = createLogger('info', 'dapr-prepare');
const root = resolve(import.meta.dirname, '../..');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://todo:todo@127.0.0.1:5432/todo';

const jwtSecret = resolveJwtSecret(process.env.JWT_SECRET, join(root, '.dapr', 'jwt-secret'));
const dir = writeResources(join(root, '.dapr', 'resources'), {
  brokers,
  appIds: PUBSUB_APP_IDS,
  service: { databaseUrl, jwtSecret },
});
logger.info({ dir, brokers }, 'Dapr resources written');
const knex = createKnex(databaseUrl, 1);
try {
  await migrate(knex, allMigrations);
  logger.info('database migrated');
} catch (err) {
  logger.fatal({ err }, `could not migrate ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
