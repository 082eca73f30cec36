import type { Clock, Knex, ZodApp } from '@todo/platform';
import type { UserZones } from './tasks/filtered-list.ts';
import { auditRoutes } from './routes/audit/index.ts';
import { listQueryRoutes } from './routes/lists/index.ts';
import { taskQueryRoutes } from './routes/tasks/index.ts';

export interface QueryApiDeps {
  knex: Knex;
  /** "Now" of filters ("today", "overdue"). */
  clock: Clock;
  /** The user's zone, in which every date of a filter is a day. */
  userZones: UserZones;
}

/** The read side's HTTP surface: projections and the log, never the write path. */
export async function queryApi(app: ZodApp, deps: QueryApiDeps): Promise<void> {
  await taskQueryRoutes(app, deps);
  await listQueryRoutes(app, deps);
  await auditRoutes(app, deps);
}
