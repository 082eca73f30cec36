import { ListTasksQuery, SavedView, SavedViewList, TaskListResponse, ViewIdParams } from '@todo/contracts';
import { currentUser, etagFor, notFound, problems, type Clock, type Knex, type ZodApp } from '@todo/platform';
import { ListsReadModel, TasksReadModel, ViewsReadModel } from '@todo/projectors';
import { filterContextFor, listFiltered, type UserZones } from '../../tasks/filtered-list.ts';
import { withCounts } from '../../views/view-counts.ts';

const ViewTasksQuery = ListTasksQuery.omit({ filter: true, status: true });

/** The saved views (issue 14 item 3): the list with counts, one view, and a view's tasks. */
export async function viewQueryRoutes(
  app: ZodApp,
  deps: { knex: Knex; clock: Clock; userZones: UserZones },
): Promise<void> {
  const tasks = new TasksReadModel(deps.knex);
  const views = new ViewsReadModel(deps.knex);
  // A view's `#List` names the user's lists, as in GET /api/tasks?filter=.
  const filtering = {
    tasks,
    lists: new ListsReadModel(deps.knex),
    clock: deps.clock,
    userZones: deps.userZones,
  };

  // The views are projected in the tasks projection's transaction, so its read-your-writes
  // wait covers a view just saved as well as a task just changed.
  const ownView = async (userId: string, viewId: string) => {
    await tasks.caughtUp(userId);
    const view = await views.get(userId, viewId);
    if (!view) throw notFound('no such view');
    return view;
  };

  app.get(
    '/api/views',
    { schema: { tags: ['views'], response: { 200: SavedViewList } } },
    async (request, reply) => {
      const { userId } = currentUser(request);
      await tasks.caughtUp(userId);
      const list = await views.list(userId);
      const items = await withCounts(tasks, userId, list.views, await filterContextFor(filtering, userId));
      return reply.header('etag', etagFor(list.version)).send({ items, version: list.version });
    },
  );

  app.get(
    '/api/views/:id',
    { schema: { tags: ['views'], params: ViewIdParams, response: { 200: SavedView, ...problems(404) } } },
    async (request, reply) => {
      const view = await ownView(currentUser(request).userId, request.params.id);
      return reply.header('etag', etagFor(view.version)).send(view);
    },
  );

  app.get(
    '/api/views/:id/tasks',
    {
      schema: {
        tags: ['views'],
        params: ViewIdParams,
        querystring: ViewTasksQuery,
        response: { 200: TaskListResponse, ...problems(404) },
      },
    },
    async (request) => {
      const { userId } = currentUser(request);
      const view = await ownView(userId, request.params.id);
      return listFiltered(filtering, userId, { ...request.query, status: 'open', filter: view.filter });
    },
  );
}
