import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@todo/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { AllowedMethods } from './allowed-methods.ts';
import { HttpProblem } from './errors.ts';
import { discardRestOfBody } from './refused-body.ts';

const TYPE_BASE = 'https://todo.example/problems/';

function pathToField(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

/** Turns the type provider's validation issues into a field list named by JSON path. */
function validationErrors(error: FastifyError): FieldError[] {
  const part = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const base = pathToField(v.instancePath);
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length) {
      const names = keys.map((k) => (base ? `${base}.${String(k)}` : String(k)));
      return { field: names.join(','), message: `unknown field(s): ${keys.join(', ')}` };
    }
    return { field: base || part, message: v.message ?? 'invalid' };
  });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.url.split('?')[0] });
}

/**
 * fastify's own refusals before routing (`frameworkErrors`): a path parameter over its
 * 100-character limit (else a bare 414) or a path that is no valid URL, as 400 problems —
 * the status every route with parameters documents.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a part of the path is longer than 100 characters'
      : 'the path is not a valid URL';
  sendProblem(reply, request, {
    type: TYPE_BASE + 'validation-error',
    title: 'Your request is not valid',
    status: 400,
    detail: message,
    errors: [{ field: 'path', message }],
  });
}

/** Answers 405 with `Allow` when the path exists with other methods; false otherwise. */
function methodNotAllowed(request: FastifyRequest, reply: FastifyReply, routes: AllowedMethods): boolean {
  const allowed = routes.for(request.url);
  if (allowed.length === 0 || allowed.includes(request.method)) return false;
  reply.header('allow', allowed.join(', '));
  sendProblem(reply, request, {
    type: TYPE_BASE + 'method-not-allowed',
    title: 'Method not allowed',
    status: 405,
    detail: `${request.method} is not supported here; use ${allowed.join(', ')}`,
    errors: [{ field: 'method', message: `must be one of ${allowed.join(', ')}` }],
  });
  return true;
}

/** The single error handler: typed errors and validation to problem+json, never a bare 500. */
export function installProblemHandler(
  app: FastifyInstance,
  options: { spaIndexHtml?: string; allowedMethods?: AllowedMethods } = {},
): void {
  const { spaIndexHtml, allowedMethods } = options;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // fastify refuses a body it has not read to the end (too large) with `connection: close`;
    // the client may still be sending, so the rest is read off first (see refused-body.ts).
    if (reply.getHeader('connection') === 'close' && !request.raw.complete) {
      reply.removeHeader('connection');
      discardRestOfBody(request.raw, reply.raw);
    }
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(reply, request, {
        type: TYPE_BASE + error.type,
        title: error.title,
        status: error.status,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const errors = validationErrors(error);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, request, {
        type: TYPE_BASE + 'validation-error',
        title: 'Your request is not valid',
        status: 400,
        detail,
        errors,
      });
    }
    // A method no route has at this path can fail before routing (QUERY without a body type).
    if (allowedMethods && methodNotAllowed(request, reply, allowedMethods)) return reply;
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // fastify's own client errors: bad JSON, wrong content type, body too large…
      const field = error.code?.startsWith('FST_ERR_CTP') ? 'body' : 'request';
      return sendProblem(reply, request, {
        type: TYPE_BASE + (error.code ?? 'bad-request').toLowerCase(),
        title: 'Your request could not be read',
        status,
        detail: error.message,
        errors: [{ field, message: error.message }],
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, {
      type: TYPE_BASE + 'internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; nothing you sent was lost.',
    });
  });
  app.setNotFoundHandler((request, reply) => {
    // Deep links of the single-page app (e.g. /tasks/123) are answered with its index.html.
    if (spaIndexHtml && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').send(spaIndexHtml);
    }
    if (allowedMethods && methodNotAllowed(request, reply, allowedMethods)) return reply;
    return sendProblem(reply, request, {
      type: TYPE_BASE + 'not-found',
      title: 'Not found',
      status: 404,
      detail: `no route for ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}
