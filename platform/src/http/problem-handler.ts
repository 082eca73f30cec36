import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@todo/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpProblem } from './errors.ts';

const TYPE_BASE = 'https://todo.example/problems/';

function fieldName(
  instancePath: string,
  part: string,
  issuePath: readonly PropertyKey[] | undefined,
): string {
  const fromIssue = issuePath?.map(String).join('.');
  const fromPath = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const name = fromIssue || fromPath;
  return name || part;
}

/** Turns zod issues (from the type provider) into a field list named by JSON path. */
function validationErrors(error: FastifyError): FieldError[] {
  const part = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params as
      { issue?: { path?: PropertyKey[]; code?: string; keys?: string[] } } | undefined;
    const issue = params?.issue;
    if (issue?.code === 'unrecognized_keys' && issue.keys?.length) {
      const prefix = issue.path?.length ? `${issue.path.map(String).join('.')}.` : '';
      return {
        field: `${prefix}${issue.keys.join(',')}`,
        message: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    }
    return { field: fieldName(v.instancePath, part, issue?.path), message: v.message ?? 'invalid' };
  });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.url.split('?')[0] });
}

/** The single error handler: typed errors and validation to problem+json, never a bare 500. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
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
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      type: TYPE_BASE + 'not-found',
      title: 'Not found',
      status: 404,
      detail: `no route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
