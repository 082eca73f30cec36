import {
  CreateListBody,
  DEFAULT_LIST_COLOUR,
  DeleteListQuery,
  ListIdParams,
  PatchListBody,
  WriteResult,
  type ListCommand,
} from '@todo/contracts';
import { deleteListWithTasks, handleListCommand, type CommandContext } from '@todo/domain';
import {
  currentUser,
  correlationIdOf,
  etagFor,
  IfMatchHeaders,
  noContent,
  parseIfMatch,
  problems,
  type ZodApp,
} from '@todo/platform';
import type { FastifyRequest } from 'fastify';
import type { CommandApiDeps } from '../../deps.ts';
import { createdResponses, IdempotencyHeaders, sendCreated } from '../../idempotency/send-created.ts';
import { asHttp } from '../../tasks/to-http-problem.ts';

const writeProblems = problems(404, 409, 412, 422);

/**
 * Lists over HTTP: every write is a command on the list's stream through the domain's
 * `handleListCommand` (events, Idempotency-Key on create, If-Match, realtime with them).
 */
export async function listRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const contextOf = (request: FastifyRequest, expectedVersion?: number): CommandContext => ({
    userId: currentUser(request).userId,
    correlationId: correlationIdOf(request),
    source: '/todo/command-api',
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });

  app.post(
    '/api/lists',
    {
      schema: {
        tags: ['lists'],
        body: CreateListBody,
        headers: IdempotencyHeaders,
        response: createdResponses,
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const body = request.body;
      return sendCreated(reply, deps, user.userId, { headers: request.headers, body }, (store) => {
        const command: ListCommand = {
          type: 'CreateList',
          listId: deps.ids.next(),
          name: body.name,
          colour: body.colour ?? DEFAULT_LIST_COLOUR,
          order: body.order ?? 0,
        };
        return asHttp(() => handleListCommand(store, command, { ...contextOf(request), newStream: true }));
      });
    },
  );

  app.patch(
    '/api/lists/:id',
    {
      schema: {
        tags: ['lists'],
        params: ListIdParams,
        body: PatchListBody,
        headers: IfMatchHeaders,
        response: { 200: WriteResult, ...writeProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const command: ListCommand = { type: 'UpdateList', listId: request.params.id, changes: request.body };
      const result = await asHttp(() =>
        handleListCommand(deps.store, command, contextOf(request, expectedVersion)),
      );
      return reply.header('etag', etagFor(result.version)).send({ id: result.id, version: result.version });
    },
  );

  app.delete(
    '/api/lists/:id',
    {
      schema: {
        tags: ['lists'],
        params: ListIdParams,
        querystring: DeleteListQuery,
        headers: IfMatchHeaders,
        response: {
          204: noContent('Deleted; its tasks moved to the Inbox, or deleted with ?tasks=delete'),
          ...writeProblems,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const context = contextOf(request, expectedVersion);
      const { id } = request.params;
      await asHttp(() => deleteListWithTasks(deps.store, deps.listMembers, id, request.query.tasks, context));
      return reply.code(204).send(null);
    },
  );
}
