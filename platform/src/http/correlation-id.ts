import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors.ts';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Visible ASCII, as a tracing id is (a UUID, a W3C trace id, a request id): it is copied into events. */
const CORRELATION_ID = /^[\x21-\x7E]{1,128}$/;

/**
 * The correlation id a command's events carry: the caller's `X-Correlation-Id`, or a new one.
 * The caller's is stored in every event of the command and in the audit trail, so it is
 * bounded and plain: a long, repeated or garbled header gets a 400 naming it, not a copy.
 */
export function correlationIdOf(request: FastifyRequest): string {
  const given = request.headers[CORRELATION_ID_HEADER];
  if (given === undefined) return randomUUID();
  if (typeof given === 'string' && CORRELATION_ID.test(given)) return given;
  const message = Array.isArray(given)
    ? 'must be given once'
    : 'must be 1 to 128 visible ASCII characters (a UUID or a trace id)';
  throw badRequest(`X-Correlation-Id ${message}`, [{ field: 'X-Correlation-Id', message }]);
}
