import type { Clock, Knex, ZodApp } from '@todo/platform';
import type { UserZones } from './tasks/filtered-list.ts';
import { calendarFeedRoutes } from './calendar-feed/calendar-feed-routes.ts';
import { auditRoutes } from './routes/audit/index.ts';
import { exportRoutes } from './routes/export/index.ts';
import { listQueryRoutes } from './routes/lists/index.ts';
import { taskQueryRoutes } from './routes/tasks/index.ts';
import { viewQueryRoutes } from './routes/views/index.ts';

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
  await viewQueryRoutes(app, deps);
  await listQueryRoutes(app, deps);
  await auditRoutes(app, deps);
  await exportRoutes(app, deps);
  await calendarFeedRoutes(app, deps);
}
