import {
  createServer,
  registerMetricsRoute,
  type TokenService,
  type Logger,
  type ZodApp,
  type Knex,
} from '@todo/platform';
import { registerHealthRoutes } from '../../http/health-routes.ts';

/** A service's fastify server with the same health endpoints as the standalone system. */
export async function createServiceServer(title: string, logger: Logger, tokens: TokenService, knex: Knex) {
  const app: ZodApp = await createServer({ logger, tokens, title });
  registerHealthRoutes(app, knex);
  registerMetricsRoute(app);
  return app;
}

export async function listen(app: ZodApp, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}
