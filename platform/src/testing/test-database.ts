import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createKnex, type Knex } from '../db/knex.ts';

export const TEMPLATE_DATABASE = 'todo_template';
export const TEST_DB_INFO = join(process.cwd(), '.cache', 'test-db.json');

/** Connection to the test server's maintenance database, written by the global setup. */
export function adminConnectionString(): string {
  if (process.env.TEST_ADMIN_DATABASE_URL) return process.env.TEST_ADMIN_DATABASE_URL;
  const info = JSON.parse(readFileSync(TEST_DB_INFO, 'utf8')) as { adminUrl: string };
  return info.adminUrl;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  knex: Knex;
  connectionString: string;
  drop(): Promise<void>;
}

/** A fresh database per test file, cloned from the migrated template (fast, isolated). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminConnectionString();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await client.end();
  const connectionString = withDatabase(admin, name);
  const knex = createKnex(connectionString);
  return {
    knex,
    connectionString,
    drop: async () => {
      await knex.destroy();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
