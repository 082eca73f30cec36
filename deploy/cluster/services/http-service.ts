import {
  ApiTokenVerifier,
  createServer,
  registerMetricsRoute,
  type TokenService,
  type Logger,
  type ZodApp,
  type Knex,
} from '@todo/platform';
import { databaseCheck, registerHealthRoutes, type ReadinessCheck } from '../../http/health-routes.ts';

/**
 * A service's fastify server with the same health endpoints as the standalone system; `also`
 * adds the service's other readiness checks (its Dapr sidecar, where one runs).
 */
export async function createServiceServer(
  title: string,
  logger: Logger,
  tokens: TokenService,
  knex: Knex,
  also: ReadinessCheck[] = [],
) {
  // Every service accepts API tokens: they are verified against the shared tokens table.
  const app: ZodApp = await createServer({ logger, tokens, apiTokens: new ApiTokenVerifier(knex), title });
  registerHealthRoutes(app, [databaseCheck(knex), ...also]);
  registerMetricsRoute(app);
  return app;
}

export async function listen(app: ZodApp, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}
