import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  VIEW_CREATED,
  VIEW_DELETED,
  VIEW_FILTER_CHANGED,
  VIEW_RENAMED,
  VIEWS_REORDERED,
  type AnyEnvelope,
  type ViewEvent,
} from '@todo/contracts';
import { taskCreatedEvent } from '@todo/contracts/testing';
import {
  createLogger,
  LOG_START,
  PostgresEventLog,
  PostgresEventStore,
  readLogBatch,
  type Knex,
} from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { runTasksProjection } from '../tasks/run-tasks-projection.ts';
import { createViewsTablesSql } from './schema.ts';
import { applyToViews, type ViewTables } from './views-projection.ts';
import { ViewsReadModel } from './views-read-model.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const [alice, bob] = [randomUUID(), randomUUID()];
const [aliceViews, bobViews] = [randomUUID(), randomUUID()];
const [v1, v2, v3, v4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

async function append(streamId: string, userId: string, version: number, events: ViewEvent[]) {
  const store = new PostgresEventStore(db.knex);
  await store.append(streamId, version, events, { userId, source: 'test', correlationId: 'c' });
}

async function wholeLog(): Promise<AnyEnvelope[]> {
  const events: AnyEnvelope[] = [];
  let cursor = LOG_START;
  for (;;) {
    const batch = await readLogBatch(db.knex, cursor, 500);
    if (batch.events.length === 0) return events;
    events.push(...batch.events);
    cursor = batch.cursor;
  }
}

const rowsOf = (knex: Knex, tables: ViewTables) =>
  Promise.all([
    knex(tables.views).select('*').orderBy('id'),
    knex(tables.sets).select('*').orderBy('user_id'),
  ]);

describe('saved views projection', () => {
  beforeAll(async () => {
    await append(aliceViews, alice, 0, [
      { type: VIEW_CREATED, data: { viewId: v1, name: 'Urgent', filter: 'today & p1 | overdue' } },
      { type: VIEW_CREATED, data: { viewId: v2, name: 'Waiting', filter: '@waiting' } },
    ]);
    await new PostgresEventStore(db.knex).append(randomUUID(), 0, [taskCreatedEvent()], {
      userId: alice,
      source: 'test',
      correlationId: 'c',
    });
    await append(bobViews, bob, 0, [
      { type: VIEW_CREATED, data: { viewId: v4, name: 'Mine', filter: 'p2' } },
    ]);
    await append(aliceViews, alice, 2, [{ type: VIEW_RENAMED, data: { viewId: v1, name: 'Now' } }]);
    await append(aliceViews, alice, 3, [{ type: VIEWS_REORDERED, data: { order: [v2, v1] } }]);
    await append(aliceViews, alice, 4, [
      { type: VIEW_CREATED, data: { viewId: v3, name: 'Later', filter: '7 days' } },
      { type: VIEW_DELETED, data: { viewId: v2 } },
      { type: VIEW_FILTER_CHANGED, data: { viewId: v3, filter: 'next 7 days & !p4' } },
    ]);
    const projection = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    await projection.caughtUp();
    await projection.stop();
  });

  it('keeps each user’s views in their order, each with the version that last changed it', async () => {
    const views = new ViewsReadModel(db.knex);
    const list = await views.list(alice);
    expect(list.version).toBe(7);
    expect(
      list.views.map(({ id, name, filter, position, version }) => ({ id, name, filter, position, version })),
    ).toEqual([
      { id: v1, name: 'Now', filter: 'today & p1 | overdue', position: 0, version: 3 },
      { id: v3, name: 'Later', filter: 'next 7 days & !p4', position: 1, version: 7 },
    ]);
    expect((await views.list(bob)).views.map((v) => v.name)).toEqual(['Mine']);
    expect(await views.get(bob, v1)).toBeNull();
  });

  it('given the whole log replayed into fresh tables, in small batches and then again, then the rows are the same', async () => {
    const fresh: ViewTables = { views: 'saved_views_replayed', sets: 'saved_view_sets_replayed' };
    await db.knex.raw(createViewsTablesSql(fresh.views, fresh.sets));
    const log = await wholeLog();
    for (let i = 0; i < log.length; i += 2) {
      await db.knex.transaction((trx) => applyToViews(trx, log.slice(i, i + 2), fresh));
    }
    const live = await rowsOf(db.knex, { views: 'saved_views', sets: 'saved_view_sets' });
    expect(await rowsOf(db.knex, fresh)).toEqual(live);
    // At-least-once delivery: the same events again change nothing.
    await db.knex.transaction((trx) => applyToViews(trx, log, fresh));
    expect(await rowsOf(db.knex, fresh)).toEqual(live);
  });
});
