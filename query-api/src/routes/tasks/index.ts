import { History, ListTasksQuery, TaskIdParams, TaskListResponse, TaskView } from '@todo/contracts';
import {
  currentUser,
  etagFor,
  notFound,
  problems,
  sendJsonText,
  type Clock,
  type Knex,
  type ZodApp,
} from '@todo/platform';
import { ListsReadModel, TasksReadModel } from '@todo/projectors';
import { listFiltered, type UserZones } from '../../tasks/filtered-list.ts';
import { taskHistory } from '../../tasks/history.ts';

export async function taskQueryRoutes(
  app: ZodApp,
  deps: { knex: Knex; clock: Clock; userZones: UserZones },
): Promise<void> {
  const { knex } = deps;
  const tasks = new TasksReadModel(knex);
  const filtering = { tasks, lists: new ListsReadModel(knex), clock: deps.clock, userZones: deps.userZones };

  app.get(
    '/api/tasks',
    { schema: { tags: ['tasks'], querystring: ListTasksQuery, response: { 200: TaskListResponse } } },
    async (request, reply) => {
      const user = currentUser(request);
      const { filter } = request.query;
      // The page comes as the response's JSON text (TaskList), sent as it is.
      if (filter === undefined)
        return sendJsonText(reply, await tasks.listJsonAfterWrites(user.userId, request.query));
      await tasks.caughtUp(user.userId);
      return listFiltered(filtering, user.userId, { ...request.query, filter });
    },
  );

  app.get(
    '/api/tasks/:id',
    { schema: { tags: ['tasks'], params: TaskIdParams, response: { 200: TaskView, ...problems(404) } } },
    async (request, reply) => {
      const user = currentUser(request);
      await tasks.caughtUp(user.userId);
      const task = await tasks.get(user.userId, request.params.id);
      if (!task) throw notFound('no such task');
      return reply.header('etag', etagFor(task.version)).send(task);
    },
  );

  app.get(
    '/api/tasks/:id/history',
    { schema: { tags: ['tasks'], params: TaskIdParams, response: { 200: History, ...problems(404) } } },
    async (request) => {
      const items = await taskHistory(knex, currentUser(request).userId, request.params.id);
      if (!items) throw notFound('no such task');
      return { items };
    },
  );
}
