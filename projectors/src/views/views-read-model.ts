import type { SavedView } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { toSavedViews } from './evolve-views.ts';
import { loadViewSets } from './views-projection.ts';

/** The one way to read the saved views: every read is for one user. */
export class ViewsReadModel {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** The user's views in their order, and the version of the set (0 before the first view). */
  async list(userId: string): Promise<{ version: number; views: SavedView[] }> {
    const set = (await loadViewSets(this.knex, [userId])).get(userId) ?? null;
    return { version: set?.version ?? 0, views: toSavedViews(set) };
  }

  /** One view of the user's, or null (another user's view looks exactly like a missing one). */
  async get(userId: string, viewId: string): Promise<SavedView | null> {
    const { views } = await this.list(userId);
    return views.find((v) => v.id === viewId) ?? null;
  }
}
