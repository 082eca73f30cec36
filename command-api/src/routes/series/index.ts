import { RecurrenceBody, TaskIdParams, WriteResult, type TaskCommand } from '@todo/contracts';
import {
  currentUser,
  etagFor,
  IfMatchHeaders,
  parseIfMatch,
  problems,
  type ZodApp,
  correlationIdOf,
} from '@todo/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandApiDeps } from '../../deps.ts';
import { TaskRuleViolation, handleTaskCommand } from '@todo/domain';
import { asHttp } from '../../tasks/to-http-problem.ts';

const schema = {
  tags: ['series'],
  params: TaskIdParams,
  headers: IfMatchHeaders,
  response: { 200: WriteResult, ...problems(404, 409, 412, 422) },
};

/**
 * Series operations on an occurrence of a recurring task:
 * - skip: this occurrence is closed without being done, and the recurrence saga creates
 *   the next one (exactly as for a completion);
 * - stop repeating: this occurrence stays, and nothing follows it;
 * - edit the rule: this occurrence keeps its due time; the next ones follow the new rule.
 */
export async function seriesRoutes(
  app: ZodApp,
  deps: Pick<CommandApiDeps, 'store' | 'clock'>,
): Promise<void> {
  /** `bodyField` names a refused field as this route's body spells it. */
  const run = async (
    request: FastifyRequest,
    reply: FastifyReply,
    command: TaskCommand,
    bodyField: (field: string) => string = (field) => field,
  ) => {
    const result = await asHttp(() =>
      handleTaskCommand(deps.store, command, {
        userId: currentUser(request).userId,
        correlationId: correlationIdOf(request),
        source: '/todo/command-api',
        expectedVersion: parseIfMatch(request.headers['if-match']),
      }).catch((error: unknown) => {
        if (!(error instanceof TaskRuleViolation) || !error.field) throw error;
        throw new TaskRuleViolation(error.code, error.message, bodyField(error.field));
      }),
    );
    return reply.header('etag', etagFor(result.version)).send({ id: result.id, version: result.version });
  };

  app.post('/api/tasks/:id/skip', { schema }, async (request, reply) =>
    run(request, reply, {
      type: 'SkipOccurrence',
      taskId: request.params.id,
      skippedAt: deps.clock.now().toISOString(),
    }),
  );

  app.post('/api/tasks/:id/stop-repeating', { schema }, async (request, reply) =>
    run(request, reply, { type: 'UpdateTask', taskId: request.params.id, changes: { recurrence: null } }),
  );

  app.put(
    '/api/tasks/:id/recurrence',
    { schema: { ...schema, body: RecurrenceBody } },
    async (request, reply) =>
      run(
        request,
        reply,
        { type: 'UpdateTask', taskId: request.params.id, changes: { recurrence: request.body } },
        (field) => field.replace(/^recurrence\./, ''),
      ),
  );
}
