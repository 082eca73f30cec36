import type { ListView } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { waitForUsersWrites } from '../tasks/read-model/read-your-writes.ts';
import { TASKS_PROJECTION } from '../tasks/tasks-projection.ts';
import { rowToListDoc, toListView } from './list-doc.ts';
import { LIST_COLUMNS } from './schema.ts';

/** The lists a user's filters and quick add look names up in. */
export interface ListName {
  id: string;
  name: string;
}

/**
 * The one way to read the lists read model (as `TasksReadModel` is for tasks). Every read
 * is for one user; another user's list looks exactly like a missing one. Reads wait for the
 * user's writes through `TasksReadModel.caughtUp`: the same projection writes both tables.
 */
export class ListsReadModel {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async get(userId: string, listId: string): Promise<ListView | null> {
    const row = await this.knex('lists').select(LIST_COLUMNS).where({ id: listId, user_id: userId }).first();
    return row ? toListView(rowToListDoc(row)) : null;
  }

  /** In the user's order; archived lists only when asked for. */
  async list(userId: string, options: { archived: boolean }): Promise<ListView[]> {
    const q = this.knex('lists').select(LIST_COLUMNS).where('user_id', userId);
    if (!options.archived) q.andWhere('archived', false);
    const rows: Record<string, unknown>[] = await q.orderBy([
      { column: 'position' },
      { column: 'created_at' },
      { column: 'id' },
    ]);
    return rows.map((r) => toListView(rowToListDoc(r)));
  }

  /**
   * Every list of the user, archived too, for resolving `#Name` in filters, quick add and
   * the chat; after the user's writes so far (a list made a moment ago is named at once).
   */
  async names(userId: string): Promise<(ListName & { archived: boolean })[]> {
    await waitForUsersWrites(this.knex, userId, TASKS_PROJECTION, 2000);
    const rows: { id: string; name: string; archived: boolean }[] = await this.knex('lists')
      .select('id', 'name', 'archived')
      .where('user_id', userId)
      .orderBy([{ column: 'position' }, { column: 'created_at' }, { column: 'id' }]);
    return rows;
  }
}
