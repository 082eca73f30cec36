import type { FastifyInstance } from 'fastify';
import type { DaprJobsScheduler } from './dapr-jobs-scheduler.ts';

/**
 * `POST /job/:name`: where the Dapr sidecar delivers a due job. Public (the sidecar has no
 * user token; in the cluster only the sidecar can reach the app port). A failure answers
 * 500 so that Dapr's failure policy retries; a repeat is harmless (idempotent handler).
 */
export async function daprJobCallbackRoute(
  app: FastifyInstance,
  deps: { scheduler: Pick<DaprJobsScheduler, 'handleCallback'> },
): Promise<void> {
  app.post<{ Params: { name: string } }>(
    '/job/:name',
    { config: { public: true } },
    async (request, reply) => {
      await deps.scheduler.handleCallback(request.params.name, request.body);
      return reply.code(200).send({ ok: true });
    },
  );
}
