import { History, ListTasksQuery, TaskIdParams, TaskList, TaskView } from '@todo/contracts';
import { currentUser, etagFor, notFound, problems, type Knex, type ZodApp } from '@todo/platform';
import { TasksReadModel } from '@todo/projectors';
import { taskHistory } from '../../tasks/history.ts';

export async function taskQueryRoutes(app: ZodApp, deps: { knex: Knex }): Promise<void> {
  const { knex } = deps;
  const tasks = new TasksReadModel(knex);

  app.get(
    '/api/tasks',
    { schema: { tags: ['tasks'], querystring: ListTasksQuery, response: { 200: TaskList } } },
    async (request) => {
      const user = currentUser(request);
      await tasks.caughtUp(user.userId);
      return tasks.list(user.userId, request.query);
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
