import { PROBLEM_CONTENT_TYPE, Problem } from '@todo/contracts';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';

/** What each problem status means in this API, as the OpenAPI document says it. */
const MEANING = {
  400: 'The request is not valid: every offending field is named in `errors`',
  401: 'No valid bearer token: missing, invalid, expired or revoked (or, at log-in, wrong email or password)',
  403: 'The credential is valid but may not do this: an API token without the scope the request needs, or an API token where only a password session may act',
  404: 'No such resource for this user (another user’s looks exactly like a missing one)',
  409: 'The resource is not in a state that allows this (e.g. already completed, email taken)',
  412: 'If-Match names a version the resource has moved on from',
  413: 'The body is larger than the server accepts',
  415: 'The body is not JSON in UTF-8',
  422: 'Understood but refused (e.g. an Idempotency-Key reused with another body)',
  429: 'Too many requests: wait for Retry-After seconds',
  500: 'Something went wrong on our side',
  503: 'The server is shutting down or not ready: retry shortly',
} as const;
export type ProblemStatus = keyof typeof MEANING;

const problemResponse = (status: ProblemStatus) => ({
  description: MEANING[status],
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
});

/**
 * The problems a route can answer beyond the standard ones (see `documentStandardProblems`),
 * to spread into its `response` schema: `response: { 200: View, ...problems(404, 409) }`.
 */
export function problems(...statuses: ProblemStatus[]): Record<number, never> {
  // The zod type provider types `response` as zod schemas only; fastify and the OpenAPI
  // transform both take the `{ description, content }` form.
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Record<number, never>;
}

/** A response without a body (204): @fastify/swagger documents a `null` schema without content. */
export const noContent = (description: string) => z.null().describe(description);

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One place that adds to every documented route the problems any route can answer, so the
 * OpenAPI document lists every status a client can see:
 * - 500 and 503 everywhere;
 * - 401 and 403 unless the route is public, which is marked `security: []` (403: an API
 *   token without the route's scope, or one where a password session is needed);
 * - 400 when anything of the request is validated;
 * - 400, 413 and 415 when the method carries a body (bad JSON, too large, not JSON in UTF-8).
 * The route's own problems (404, 409, 412, 422, 429) come from `problems(...)` in its schema.
 */
export function documentStandardProblems(route: RouteOptions): void {
  const schema = route.schema as
    (Record<string, unknown> & { response?: Record<string, unknown> }) | undefined;
  if (!schema || schema.hide) return;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
  const isPublic = Boolean((route.config as { public?: boolean } | undefined)?.public);
  const statuses: ProblemStatus[] = [500, 503];
  if (!isPublic) statuses.push(401, 403);
  if (schema.body || schema.querystring || schema.params || schema.headers) statuses.push(400);
  if (methods.some((m) => BODY_METHODS.has(m))) statuses.push(400, 413, 415);
  const response = { ...schema.response };
  for (const status of statuses) response[status] ??= problemResponse(status);
  schema.response = response;
  if (isPublic) schema.security = [];
}
