import type { FastifyInstance } from 'fastify';
import { METRICS_CONTENT_TYPE, renderMetrics } from '../metrics.ts';

/** `GET /metrics` in the Prometheus text format (the quarantine counters among them). */
export function registerMetricsRoute(app: FastifyInstance): void {
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(METRICS_CONTENT_TYPE).send(renderMetrics()),
  );
}
