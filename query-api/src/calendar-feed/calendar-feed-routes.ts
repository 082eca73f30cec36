import { CalendarFeedCreated, CalendarFeedParams, CalendarFeedStatus, INSTANT_MIN } from '@todo/contracts';
import {
  currentUser,
  noContent,
  notFound,
  problems,
  type Clock,
  type Knex,
  type ZodApp,
} from '@todo/platform';
import { TasksReadModel } from '@todo/projectors';
import { z } from 'zod';
import { FeedSecrets } from './feed-secrets.ts';
import { writeTaskCalendar } from './ical/task-calendar.ts';

/** The most tasks one feed holds: the open ones due soonest (overdue first). */
export const FEED_MAX_TASKS = 500;

export const feedPath = (secret: string) => `/api/feeds/${secret}/tasks.ics`;

// The zod type provider types `response` as zod schemas only; fastify and the OpenAPI
// transform both take the `{ description, content }` form (as `problems` does).
const calendarResponse = Object.fromEntries([
  [
    200,
    {
      description: 'The RFC 5545 calendar of the open tasks with a due time',
      content: { 'text/calendar': { schema: z.string() } },
    },
  ],
]) as Record<number, never>;

/**
 * The calendar feed: the user makes, looks at and revokes their secret URL (bearer auth),
 * and a calendar app reads the URL with no header at all (the secret is the credential).
 */
export async function calendarFeedRoutes(app: ZodApp, deps: { knex: Knex; clock: Clock }): Promise<void> {
  const secrets = new FeedSecrets(deps.knex, deps.clock);
  const tasks = new TasksReadModel(deps.knex);

  app.post(
    '/api/calendar-feed',
    {
      schema: {
        tags: ['calendar feed'],
        summary: 'Make a new secret feed URL, shown once; the one before stops working',
        response: { 201: CalendarFeedCreated },
      },
    },
    async (request, reply) => {
      const { secret, createdAt } = await secrets.regenerate(currentUser(request).userId);
      const path = feedPath(secret);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ url: `${request.protocol}://${request.host}${path}`, path, createdAt });
    },
  );

  app.get(
    '/api/calendar-feed',
    {
      schema: {
        tags: ['calendar feed'],
        summary: 'When the feed was made (its URL is not shown again); 404 when there is none',
        response: { 200: CalendarFeedStatus, ...problems(404) },
      },
    },
    async (request) => {
      const createdAt = await secrets.createdAt(currentUser(request).userId);
      if (!createdAt) throw notFound('no calendar feed: POST /api/calendar-feed makes one');
      return { createdAt };
    },
  );

  app.delete(
    '/api/calendar-feed',
    {
      schema: {
        tags: ['calendar feed'],
        response: { 204: noContent('The feed is revoked (or there was none)') },
      },
    },
    async (request, reply) => {
      await secrets.revoke(currentUser(request).userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/feeds/:secret/tasks.ics',
    {
      config: { public: true },
      schema: {
        tags: ['calendar feed'],
        summary: 'The calendar (RFC 5545) of the feed with this secret, for calendar apps; no token',
        params: CalendarFeedParams,
        response: { ...calendarResponse, ...problems(404) },
      },
    },
    async (request, reply) => {
      const userId = await secrets.ownerOf(request.params.secret);
      // One answer for a wrong, a revoked and a malformed secret.
      if (!userId) throw notFound('no such calendar feed');
      await tasks.caughtUp(userId);
      const page = await tasks.list(userId, {
        status: 'open',
        dueFrom: INSTANT_MIN,
        sort: 'due',
        order: 'asc',
        limit: FEED_MAX_TASKS,
      });
      const items = page.items.flatMap((task) =>
        task.dueAt === null ? [] : [{ ...task, dueAt: task.dueAt }],
      );
      const body = writeTaskCalendar(items, { now: deps.clock.now(), name: 'Todo' });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('referrer-policy', 'no-referrer')
        .send(body);
    },
  );
}
