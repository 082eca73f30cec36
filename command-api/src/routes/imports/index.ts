import {
  IMPORT_CSV_MAX_BYTES,
  IMPORT_JSON_MAX_BYTES,
  ImportExportBody,
  ImportJob,
  ImportJobParams,
  type ImportSource,
} from '@todo/contracts';
import { badRequest, currentUser, HttpProblem, notFound, problems, type ZodApp } from '@todo/platform';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CommandApiDeps } from '../../deps.ts';
import { acceptCsvBodies, CSV_CONTENT_TYPE } from '../../data-import/csv-body.ts';
import { planExportImport } from '../../data-import/export-plan.ts';
import type { ImportPlan } from '../../data-import/import-plan.ts';
import { ImportJobs } from '../../data-import/import-jobs.ts';
import { runImport } from '../../data-import/import-runner.ts';
import { readTodoistCsv } from '../../data-import/todoist-csv.ts';
import { planTodoistImport } from '../../data-import/todoist-plan.ts';
import { UserRepository } from '../../users/user-repository.ts';

const accepted = { 202: ImportJob, ...problems(413, 415) };

/**
 * Imports: the file is read and checked in the request (a broken one is refused and
 * nothing is stored), then its tasks are created in the background; the 202 names the job,
 * whose progress and report `GET /api/imports/jobs/:id` shows until it is done.
 */
export async function importRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const users = new UserRepository(deps.knex, deps.clock);
  const jobs = new ImportJobs(deps.knex);
  const running = new Set<Promise<void>>();
  let closing = false;
  // A shutdown stops the running imports between two tasks and waits for that (each task is
  // its own write; the same file imported again finishes the job).
  app.addHook('onClose', async () => {
    closing = true;
    await Promise.allSettled([...running]);
  });
  acceptCsvBodies(app);

  const start = async (reply: FastifyReply, userId: string, source: ImportSource, plan: ImportPlan) => {
    const id = deps.ids.next();
    const job = await jobs.start({
      id,
      userId,
      source,
      total: plan.total,
      report: plan.report,
      now: deps.clock.now(),
    });
    const timezone = await users.timezoneOf(userId);
    const run = runImport({ ...deps, jobs }, { id, userId, timezone }, plan, () => closing)
      .catch((error: unknown) => app.log.error({ err: error, importId: id }, 'import stopped'))
      .finally(() => running.delete(run));
    running.add(run);
    return reply.code(202).header('location', `/api/imports/jobs/${id}`).send(job);
  };

  app.post(
    '/api/imports/todoist',
    {
      bodyLimit: IMPORT_CSV_MAX_BYTES,
      schema: {
        tags: ['import and export'],
        summary: 'Import a Todoist CSV export (text/csv, UTF-8)',
        consumes: [CSV_CONTENT_TYPE],
        body: z.string().meta({ description: 'The CSV file as Todoist exports it, in UTF-8' }),
        response: accepted,
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const csv = readTodoistCsv(request.body);
      if (!csv.ok) {
        const detail = `line ${csv.line}: ${csv.message}`;
        if (csv.kind === 'too-many-rows') {
          throw new HttpProblem(413, 'too-many-rows', 'The file is too large', detail, [
            { field: 'body', message: detail },
          ]);
        }
        throw badRequest(detail, [{ field: 'body', message: detail }]);
      }
      const now = deps.clock.now();
      const timezone = await users.timezoneOf(user.userId);
      return start(
        reply,
        user.userId,
        'todoist-csv',
        planTodoistImport(csv.rows, { userId: user.userId, now, timezone }),
      );
    },
  );

  app.post(
    '/api/imports/export',
    {
      bodyLimit: IMPORT_JSON_MAX_BYTES,
      schema: {
        tags: ['import and export'],
        summary: 'Import a JSON export of this system (GET /api/export/json)',
        body: ImportExportBody,
        response: accepted,
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const plan = planExportImport(request.body, { userId: user.userId, now: deps.clock.now() });
      return start(reply, user.userId, 'todo-json', plan);
    },
  );

  app.get(
    '/api/imports/jobs/:id',
    {
      schema: {
        tags: ['import and export'],
        summary: "An import's progress and report",
        params: ImportJobParams,
        response: { 200: ImportJob, ...problems(404) },
      },
    },
    async (request) => {
      const job = await jobs.get(currentUser(request).userId, request.params.id);
      if (!job) throw notFound('no such import');
      return job;
    },
  );
}
