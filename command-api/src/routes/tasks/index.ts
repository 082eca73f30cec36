import { CreateTaskBody, PatchTaskBody, TaskIdParams, WriteResult, type TaskCommand } from '@todo/contracts';
import { handleTaskCommand, newTaskCommand, type CommandResult, withReminderIds } from '@todo/domain';
import {
  currentUser,
  etagFor,
  noContent,
  IfMatchHeaders,
  parseIfMatch,
  problems,
  type EventStore,
  type ZodApp,
  correlationIdOf,
} from '@todo/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandApiDeps } from '../../deps.ts';
import { createdResponses, IdempotencyHeaders, sendCreated } from '../../idempotency/send-created.ts';
import { asHttp } from '../../tasks/to-http-problem.ts';
import { UserRepository } from '../../users/user-repository.ts';

// A command may find no task (404), a state that refuses it (409), a moved-on version (412)
// or a rule it breaks (422).
const commandProblems = problems(404, 409, 412, 422);
const writeResponses = { 200: WriteResult, ...commandProblems };

export async function taskRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const users = new UserRepository(deps.knex, deps.clock);

  const run = (
    request: FastifyRequest,
    command: TaskCommand,
    extra: { expectedVersion?: number; newStream?: boolean } = {},
    store: EventStore = deps.store,
  ) =>
    asHttp(() =>
      handleTaskCommand(store, command, {
        userId: currentUser(request).userId,
        correlationId: correlationIdOf(request),
        source: '/todo/command-api',
        ...extra,
      }),
    );

  const answer = (reply: FastifyReply, result: CommandResult) =>
    reply.header('etag', etagFor(result.version)).send({ id: result.id, version: result.version });

  app.post(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        body: CreateTaskBody,
        headers: IdempotencyHeaders,
        response: createdResponses,
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const body = request.body;
      return sendCreated(reply, deps, user.userId, { headers: request.headers, body }, async (store) => {
        const command = newTaskCommand(body, {
          taskId: deps.ids.next(),
          // The user's zone is looked up only when the body names none.
          timezone: body.timezone ?? (await users.timezoneOf(user.userId)),
          ids: deps.ids,
        });
        return run(request, command, { newStream: true }, store);
      });
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        params: TaskIdParams,
        body: PatchTaskBody,
        headers: IfMatchHeaders,
        response: writeResponses,
      },
    },
    async (request, reply) => {
      const { reminders, ...rest } = request.body;
      const changes = { ...rest, ...(reminders ? { reminders: withReminderIds(reminders, deps.ids) } : {}) };
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const result = await run(
        request,
        { type: 'UpdateTask', taskId: request.params.id, changes },
        { expectedVersion },
      );
      return answer(reply, result);
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    { schema: { tags: ['tasks'], params: TaskIdParams, headers: IfMatchHeaders, response: writeResponses } },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const completedAt = deps.clock.now().toISOString();
      const command = { type: 'CompleteTask', taskId: request.params.id, completedAt } as const;
      return answer(reply, await run(request, command, { expectedVersion }));
    },
  );

  app.post(
    '/api/tasks/:id/reopen',
    { schema: { tags: ['tasks'], params: TaskIdParams, headers: IfMatchHeaders, response: writeResponses } },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      return answer(
        reply,
        await run(request, { type: 'ReopenTask', taskId: request.params.id }, { expectedVersion }),
      );
    },
  );

  app.delete(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        params: TaskIdParams,
        headers: IfMatchHeaders,
        response: { 204: noContent('Deleted'), ...commandProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      await run(request, { type: 'DeleteTask', taskId: request.params.id }, { expectedVersion });
      return reply.code(204).send(null);
    },
  );
}
