import { VIEW_EVENT_PREFIX, type AnyEnvelope } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { evolveViewSet, type ViewSetDoc } from './evolve-views.ts';

export interface ViewTables {
  views: string;
  sets: string;
}

export const LIVE_VIEW_TABLES: ViewTables = { views: 'saved_views', sets: 'saved_view_sets' };

/** The user's views as stored, in order (null when they never had one). */
export async function loadViewSets(
  knex: Knex | Knex.Transaction,
  userIds: string[],
  tables: ViewTables = LIVE_VIEW_TABLES,
): Promise<Map<string, ViewSetDoc>> {
  const sets = new Map<string, ViewSetDoc>();
  if (userIds.length === 0) return sets;
  const setRows = await knex(tables.sets).select('user_id', 'version').whereIn('user_id', userIds);
  for (const row of setRows) sets.set(row.user_id, { userId: row.user_id, version: row.version, views: [] });
  const viewRows = await knex(tables.views)
    .select('id', 'user_id', 'name', 'filter', 'version', 'created_at', 'updated_at')
    .whereIn('user_id', userIds)
    .orderBy([{ column: 'user_id' }, { column: 'position' }]);
  for (const row of viewRows) {
    sets.get(row.user_id)?.views.push({
      id: row.id,
      name: row.name,
      filter: row.filter,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    });
  }
  return sets;
}

/**
 * Applies a batch of the log to the saved views, inside the projection's transaction: the
 * touched users' sets are loaded (at most VIEWS_MAX_PER_USER rows each), folded in memory
 * and written back whole, so a reorder is one write of a few rows.
 */
export async function applyToViews(
  trx: Knex.Transaction,
  events: readonly AnyEnvelope[],
  tables: ViewTables = LIVE_VIEW_TABLES,
): Promise<void> {
  const viewEvents = events.filter((e) => e.type.startsWith(VIEW_EVENT_PREFIX));
  if (viewEvents.length === 0) return;
  const userIds = [...new Set(viewEvents.map((e) => e.userid))];
  const sets = await loadViewSets(trx, userIds, tables);
  const before = new Map([...sets].map(([user, set]) => [user, set.version]));
  for (const event of viewEvents) {
    const next = evolveViewSet(sets.get(event.userid) ?? null, event);
    if (next) sets.set(event.userid, next);
  }
  for (const [userId, set] of sets) {
    if (before.get(userId) === set.version) continue;
    await trx(tables.sets).insert({ user_id: userId, version: set.version }).onConflict('user_id').merge();
    await trx(tables.views).where('user_id', userId).delete();
    if (set.views.length) {
      await trx(tables.views).insert(
        set.views.map((v, position) => ({
          id: v.id,
          user_id: userId,
          name: v.name,
          filter: v.filter,
          position,
          version: v.version,
          created_at: v.createdAt,
          updated_at: v.updatedAt,
        })),
      );
    }
  }
}
