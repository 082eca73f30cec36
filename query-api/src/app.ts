import type { Knex, ZodApp } from '@todo/platform';
import { auditRoutes } from './routes/audit/index.ts';
import { taskQueryRoutes } from './routes/tasks/index.ts';

export interface QueryApiDeps {
  knex: Knex;
}

/** The read side's HTTP surface: projections and the log, never the write path. */
export async function queryApi(app: ZodApp, deps: QueryApiDeps): Promise<void> {
  await taskQueryRoutes(app, deps);
  await auditRoutes(app, deps);
}
