import { ReminderParams, SnoozeBody, WriteResult } from '@todo/contracts';
import { currentUser, etagFor, problems, type ZodApp, correlationIdOf } from '@todo/platform';
import type { CommandApiDeps } from '../../deps.ts';
import { handleTaskCommand } from '@todo/domain';
import { asHttp } from '../../tasks/to-http-problem.ts';

/** Snoozing a reminder: it goes off again `minutes` from now (the reminder saga reschedules it). */
export async function reminderRoutes(
  app: ZodApp,
  deps: Pick<CommandApiDeps, 'store' | 'clock'>,
): Promise<void> {
  app.post(
    '/api/tasks/:id/reminders/:reminderId/snooze',
    {
      schema: {
        tags: ['reminders'],
        params: ReminderParams,
        body: SnoozeBody,
        response: { 200: WriteResult, ...problems(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const snoozedUntil = new Date(deps.clock.now().getTime() + request.body.minutes * 60_000).toISOString();
      const result = await asHttp(() =>
        handleTaskCommand(
          deps.store,
          {
            type: 'SnoozeReminder',
            taskId: request.params.id,
            reminderId: request.params.reminderId,
            snoozedUntil,
          },
          {
            userId: currentUser(request).userId,
            correlationId: correlationIdOf(request),
            source: '/todo/command-api',
          },
        ),
      );
      return reply.header('etag', etagFor(result.version)).send({ id: result.id, version: result.version });
    },
  );
}
