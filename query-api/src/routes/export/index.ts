import { DataExport, EXPORT_CSV_COLUMNS } from '@todo/contracts';
import { currentUser, type Clock, type Knex, type ZodApp } from '@todo/platform';
import { TasksReadModel } from '@todo/projectors';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { csvExportChunks, jsonExportChunks } from '../../export/export-stream.ts';
import type { UserZones } from '../../tasks/filtered-list.ts';

const day = (now: Date) => now.toISOString().slice(0, 10);

// The typed reply expects the documented body; a stream of it is sent as it is made.
const sendChunks = (reply: FastifyReply, chunks: AsyncIterable<string>) => reply.send(Readable.from(chunks));

/**
 * Downloads of the user's data, streamed a page of tasks at a time (a large account is
 * never one document in memory): JSON with every task's history (the format of
 * contracts' `DataExport`, importable again), and CSV of the tasks for a spreadsheet.
 */
export async function exportRoutes(
  app: ZodApp,
  deps: { knex: Knex; clock: Clock; userZones: UserZones },
): Promise<void> {
  const source = { knex: deps.knex, tasks: new TasksReadModel(deps.knex) };

  app.get(
    '/api/export/json',
    {
      schema: {
        tags: ['import and export'],
        summary: 'Download every task and its whole history as JSON (format todo-system/export, version 1)',
        response: {
          200: { description: 'The export', content: { 'application/json': { schema: DataExport } } },
        },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      await source.tasks.caughtUp(userId);
      const now = deps.clock.now();
      const account = { id: userId, timezone: await deps.userZones.timezoneOf(userId) };
      reply
        .header('content-disposition', `attachment; filename="todo-export-${day(now)}.json"`)
        .header('content-type', 'application/json; charset=utf-8');
      return sendChunks(reply, jsonExportChunks(source, account, now.toISOString()));
    },
  );

  app.get(
    '/api/export/csv',
    {
      schema: {
        tags: ['import and export'],
        summary: `Download the tasks as CSV (RFC 4180; columns ${EXPORT_CSV_COLUMNS.join(', ')})`,
        response: {
          200: {
            description: 'The tasks, a header line first',
            content: { 'text/csv': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      await source.tasks.caughtUp(userId);
      reply
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="todo-tasks-${day(deps.clock.now())}.csv"`);
      return sendChunks(reply, csvExportChunks(source, userId));
    },
  );
}
