import type { Knex, Logger } from '@todo/platform';
import { DaprJobsScheduler } from './dapr-jobs-scheduler.ts';

/**
 * The Dapr Jobs scheduler when the environment asks for it (REMINDER_SCHEDULER=dapr, with
 * the sidecar's DAPR_HTTP_PORT and optional DAPR_API_TOKEN), otherwise undefined, which
 * makes `startSagas` use the PostgreSQL timers. With Dapr, the service must also serve
 * `daprJobCallbackRoute` on its app port for the sidecar's callbacks.
 */
export function daprSchedulerFromEnv(
  logger: Logger,
  knex: Knex,
  env: NodeJS.ProcessEnv = process.env,
): DaprJobsScheduler | undefined {
  if (env.REMINDER_SCHEDULER !== 'dapr') return undefined;
  const port = env.DAPR_HTTP_PORT ?? '3500';
  return new DaprJobsScheduler({
    daprHttpUrl: `http://127.0.0.1:${port}`,
    ...(env.DAPR_API_TOKEN ? { daprApiToken: env.DAPR_API_TOKEN } : {}),
    knex,
    logger,
  });
}
