import {
  CreateViewBody,
  PatchViewBody,
  ReorderViewsBody,
  ViewIdParams,
  WriteResult,
  type ViewCommand,
} from '@todo/contracts';
import { deterministicUuid, handleViewsCommand } from '@todo/domain';
import {
  correlationIdOf,
  currentUser,
  etagFor,
  IfMatchHeaders,
  noContent,
  parseIfMatch,
  problems,
  type EventStore,
  type ZodApp,
} from '@todo/platform';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandApiDeps } from '../../deps.ts';
import { createdResponses, IdempotencyHeaders, sendCreated } from '../../idempotency/send-created.ts';
import { viewProblem } from '../../views/to-http-problem.ts';

/** A user's saved views are one stream, named after the user (a name-based UUID). */
export const viewsStreamId = (userId: string) => deterministicUuid(`views:${userId}`);

const ReorderResult = z.object({ version: z.number().int() });

/** Saved views (issue 14 item 3): create, rename or refilter, reorder, delete. */
export async function viewRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const run = async (
    request: FastifyRequest,
    command: ViewCommand,
    options: { store?: EventStore; expectedStreamVersion?: number } = {},
  ) => {
    const { userId } = currentUser(request);
    try {
      return await handleViewsCommand(options.store ?? deps.store, command, {
        userId,
        streamId: viewsStreamId(userId),
        correlationId: correlationIdOf(request),
        source: '/todo/command-api',
        ...(options.expectedStreamVersion !== undefined
          ? { expectedStreamVersion: options.expectedStreamVersion }
          : {}),
      });
    } catch (error) {
      throw viewProblem(error);
    }
  };

  app.post(
    '/api/views',
    {
      schema: {
        tags: ['views'],
        body: CreateViewBody,
        headers: IdempotencyHeaders,
        response: createdResponses,
      },
    },
    async (request, reply) => {
      const { userId } = currentUser(request);
      const body = request.body;
      return sendCreated(reply, deps, userId, { headers: request.headers, body }, async (store) => {
        const command = { type: 'CreateView', viewId: deps.ids.next(), ...body } as const;
        const result = await run(request, command, { store });
        return { id: command.viewId, version: result.version };
      });
    },
  );

  app.patch(
    '/api/views/:id',
    {
      schema: {
        tags: ['views'],
        params: ViewIdParams,
        body: PatchViewBody,
        headers: IfMatchHeaders,
        response: { 200: WriteResult, ...problems(404, 412) },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const result = await run(request, {
        type: 'UpdateView',
        viewId: request.params.id,
        ...request.body,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      return reply
        .header('etag', etagFor(result.version))
        .send({ id: request.params.id, version: result.version });
    },
  );

  app.put(
    '/api/views',
    {
      schema: {
        tags: ['views'],
        body: ReorderViewsBody,
        headers: IfMatchHeaders,
        response: { 200: ReorderResult, ...problems(412, 422) },
      },
    },
    async (request, reply) => {
      const expectedStreamVersion = parseIfMatch(request.headers['if-match']);
      const result = await run(
        request,
        { type: 'ReorderViews', order: request.body.order },
        expectedStreamVersion !== undefined ? { expectedStreamVersion } : {},
      );
      return reply.header('etag', etagFor(result.streamVersion)).send({ version: result.streamVersion });
    },
  );

  app.delete(
    '/api/views/:id',
    {
      schema: {
        tags: ['views'],
        params: ViewIdParams,
        headers: IfMatchHeaders,
        response: { 204: noContent('Deleted'), ...problems(404, 412) },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      await run(request, {
        type: 'DeleteView',
        viewId: request.params.id,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      return reply.code(204).send(null);
    },
  );
}
