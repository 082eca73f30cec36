import { ListIdParams, ListList, ListListQuery, ListView } from '@todo/contracts';
import { currentUser, etagFor, notFound, problems, type Knex, type ZodApp } from '@todo/platform';
import { ListsReadModel, TasksReadModel } from '@todo/projectors';

/** The user's lists from the lists read model, after the user's own writes are in it. */
export async function listQueryRoutes(app: ZodApp, deps: { knex: Knex }): Promise<void> {
  const lists = new ListsReadModel(deps.knex);
  // One projection writes tasks and lists, so its progress says both are caught up.
  const tasks = new TasksReadModel(deps.knex);

  app.get(
    '/api/lists',
    { schema: { tags: ['lists'], querystring: ListListQuery, response: { 200: ListList } } },
    async (request) => {
      const user = currentUser(request);
      await tasks.caughtUp(user.userId);
      return { items: await lists.list(user.userId, { archived: request.query.archived === 'true' }) };
    },
  );

  app.get(
    '/api/lists/:id',
    { schema: { tags: ['lists'], params: ListIdParams, response: { 200: ListView, ...problems(404) } } },
    async (request, reply) => {
      const user = currentUser(request);
      await tasks.caughtUp(user.userId);
      const list = await lists.get(user.userId, request.params.id);
      if (!list) throw notFound('no such list');
      return reply.header('etag', etagFor(list.version)).send(list);
    },
  );
}
