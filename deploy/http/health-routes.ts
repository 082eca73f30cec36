import type { Knex, ZodApp } from '@todo/platform';

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (and its database does): the same
 * probes for the standalone system and for each cluster service, so Kubernetes and the tests
 * read one contract.
 */
export function registerHealthRoutes(app: ZodApp, knex: Knex): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await knex.raw('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}
