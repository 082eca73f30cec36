import { ApiTokenIdParams, ApiTokenList, CreateApiTokenBody, CreatedApiToken } from '@todo/contracts';
import { ApiTokenRuleViolation } from '@todo/domain';
import {
  conflict,
  correlationIdOf,
  currentUser,
  noContent,
  notFound,
  problems,
  type ZodApp,
} from '@todo/platform';
import { ApiTokenService } from '../../api-tokens/api-token-service.ts';
import type { CommandApiDeps } from '../../deps.ts';

function toProblem(error: unknown): unknown {
  if (!(error instanceof ApiTokenRuleViolation)) return error;
  switch (error.code) {
    case 'token-not-found':
      return notFound('no such token');
    case 'token-exists':
    case 'too-many-tokens':
      return conflict(error.message, error.code);
    default: {
      const _exhaustive: never = error.code;
      return error;
    }
  }
}

// A leaked API token must not mint or list tokens: only a password session manages them.
const MANAGE = { sessionOnly: true } as const;

/** `/api/tokens`: personal API tokens, created (secret shown once), listed and revoked. */
export async function apiTokenRoutes(
  app: ZodApp,
  deps: Pick<CommandApiDeps, 'knex' | 'store' | 'ids' | 'clock'>,
): Promise<void> {
  const tokens = new ApiTokenService(deps);

  app.post(
    '/api/tokens',
    {
      config: MANAGE,
      schema: {
        tags: ['api-tokens'],
        summary: 'Create a personal API token; the answer is the only time its secret is shown',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...problems(409) },
      },
    },
    async (request, reply) => {
      try {
        const created = await tokens.create(currentUser(request), request.body, correlationIdOf(request));
        return reply.code(201).header('cache-control', 'no-store').send(created);
      } catch (error) {
        throw toProblem(error);
      }
    },
  );

  app.get(
    '/api/tokens',
    {
      config: MANAGE,
      schema: {
        tags: ['api-tokens'],
        summary: 'Your API tokens that are not revoked (expired ones included), newest first',
        response: { 200: ApiTokenList },
      },
    },
    async (request) => ({ items: await tokens.list(currentUser(request).userId) }),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: MANAGE,
      schema: {
        tags: ['api-tokens'],
        summary: 'Revoke an API token: the very next request with it is refused',
        params: ApiTokenIdParams,
        response: { 204: noContent('Revoked (or revoked before)'), ...problems(404) },
      },
    },
    async (request, reply) => {
      try {
        await tokens.revoke(currentUser(request).userId, request.params.id, correlationIdOf(request));
      } catch (error) {
        throw toProblem(error);
      }
      return reply.code(204).send(null);
    },
  );
}
