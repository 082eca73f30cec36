import type { ZodApp } from '@todo/platform';
import type { CommandApiDeps } from './deps.ts';
import { apiTokenRoutes } from './routes/api-tokens/index.ts';
import { authRoutes } from './routes/auth/index.ts';
import { importRoutes } from './routes/imports/index.ts';
import { listRoutes } from './routes/lists/index.ts';
import { reminderRoutes } from './routes/reminders/index.ts';
import { seriesRoutes } from './routes/series/index.ts';
import { taskRoutes } from './routes/tasks/index.ts';
import { viewRoutes } from './routes/views/index.ts';

/** The write side's HTTP surface; the launcher mounts it on a prepared server. */
export async function commandApi(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  await authRoutes(app, deps);
  await apiTokenRoutes(app, deps);
  await taskRoutes(app, deps);
  await listRoutes(app, deps);
  await seriesRoutes(app, deps);
  await reminderRoutes(app, deps);
  await importRoutes(app, deps);
  await viewRoutes(app, deps);
}
