import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { createKnex, migrate, startEmbeddedPostgres } from '@todo/platform';
import { TEMPLATE_DATABASE, TEST_DB_INFO, withDatabase } from '@todo/platform/testing';
import { allMigrations } from '../standalone/migrations.ts';

/**
 * Starts one real PostgreSQL for the whole integration run (the embedded one, or the
 * server in TEST_DATABASE_URL), and migrates a template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = `${process.cwd()}/.cache/test-pg-${process.pid}`;
    const server = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    adminUrl = server.connectionString;
    (globalThis as { __TEST_PG__?: unknown }).__TEST_PG__ = { server, dataDir };
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await client.query(`create database ${TEMPLATE_DATABASE}`);
  await client.end();
  const knex = createKnex(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await migrate(knex, allMigrations);
  await knex.destroy();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  mkdirSync(dirname(TEST_DB_INFO), { recursive: true });
  writeFileSync(TEST_DB_INFO, JSON.stringify({ adminUrl }));
}
