import type { Knex, ZodApp } from '@todo/platform';

/** One thing the process needs before it can serve: its database, its Dapr sidecar. */
export interface ReadinessCheck {
  /** Named in the 503 body: `<name> unavailable`. */
  name: string;
  ready(): Promise<boolean>;
}

export function databaseCheck(knex: Knex): ReadinessCheck {
  return { name: 'database', ready: async () => (await knex.raw('select 1'), true) };
}

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (and every check holds: its database,
 * and its sidecar where one runs): the same probes for the standalone system and for each
 * cluster service, so Kubernetes and the tests read one contract. Each request asks again, so
 * a service whose sidecar went away is unready (not dead) and ready again once it is back.
 */
export function registerHealthRoutes(app: ZodApp, checks: ReadinessCheck[]): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    for (const check of checks) {
      const ready = await check.ready().catch(() => false);
      if (!ready) return reply.code(503).send({ status: `${check.name} unavailable` });
    }
    return { status: 'ready' };
  });
}
