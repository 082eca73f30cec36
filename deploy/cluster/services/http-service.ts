import {
  createServer,
  registerMetricsRoute,
  type TokenService,
  type Logger,
  type ZodApp,
  type Knex,
} from '@todo/platform';

/** A service's fastify server with the same health endpoints as the standalone system. */
export async function createServiceServer(title: string, logger: Logger, tokens: TokenService, knex: Knex) {
  const app: ZodApp = await createServer({ logger, tokens, title });
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await knex.raw('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
  registerMetricsRoute(app);
  return app;
}

export async function listen(app: ZodApp, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}
