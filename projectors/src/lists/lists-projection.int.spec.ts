import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LIST_ARCHIVED,
  LIST_CREATED,
  LIST_DELETED,
  LIST_RENAMED,
  LIST_REORDERED,
  TASK_UPDATED,
} from '@todo/contracts';
import { taskCreatedEvent } from '@todo/contracts/testing';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { listsChecksum } from '../replay/checksum.ts';
import { rebuildTasks } from '../replay/rebuild-tasks.ts';
import { runTasksProjection } from '../tasks/run-tasks-projection.ts';
import { TasksReadModel } from '../tasks/read-model/tasks-read-model.ts';
import { ListsReadModel } from './lists-read-model.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('the lists read model', () => {
  it('folds list events into lists, feeds them to realtime, and rebuilds the same lists by replay', async () => {
    const store = new PostgresEventStore(db.knex);
    const log = new PostgresEventLog(db.knex, db.connectionString, createLogger('silent'));
    const live = runTasksProjection(log);
    const user = randomUUID();
    const other = randomUUID();
    const opts = (userId: string) => ({ userId, source: 'test', correlationId: 'c' });
    const work = randomUUID();
    const home = randomUUID();
    const gone = randomUUID();
    const others = randomUUID();
    await store.append(
      work,
      0,
      [{ type: LIST_CREATED, data: { name: 'Work', colour: '#db4035', order: 2 } }],
      opts(user),
    );
    await store.append(
      home,
      0,
      [{ type: LIST_CREATED, data: { name: 'Home', colour: '#808080', order: 1 } }],
      opts(user),
    );
    await store.append(
      gone,
      0,
      [{ type: LIST_CREATED, data: { name: 'Gone', colour: '#808080', order: 0 } }],
      opts(user),
    );
    await store.append(
      others,
      0,
      [{ type: LIST_CREATED, data: { name: 'Theirs', colour: '#808080', order: 0 } }],
      opts(other),
    );
    await store.append(
      work,
      1,
      [
        { type: LIST_RENAMED, data: { name: 'Job' } },
        { type: LIST_REORDERED, data: { order: 0 } },
      ],
      opts(user),
    );
    await store.append(home, 1, [{ type: LIST_ARCHIVED, data: {} }], opts(user));
    await store.append(gone, 1, [{ type: LIST_DELETED, data: { tasks: 'inbox' } }], opts(user));
    const task = randomUUID();
    await store.append(task, 0, [taskCreatedEvent({ title: 'Report', listId: work })], opts(user));
    const moved = randomUUID();
    await store.append(moved, 0, [taskCreatedEvent({ title: 'Moved' })], opts(user));
    await store.append(moved, 1, [{ type: TASK_UPDATED, data: { changes: { listId: work } } }], opts(user));
    await live.caughtUp();

    const lists = new ListsReadModel(db.knex);
    expect(await lists.list(user, { archived: false })).toEqual([
      expect.objectContaining({
        id: work,
        name: 'Job',
        colour: '#db4035',
        order: 0,
        archived: false,
        version: 3,
      }),
    ]);
    expect((await lists.list(user, { archived: true })).map((l) => [l.id, l.archived])).toEqual([
      [work, false],
      [home, true],
    ]);
    expect(await lists.get(user, gone)).toBeNull();
    expect(await lists.get(user, others)).toBeNull();
    expect((await lists.get(other, others))?.name).toBe('Theirs');
    expect((await new TasksReadModel(db.knex).taskIdsIn(user, work)).sort()).toEqual([task, moved].sort());

    // Every list event has its feed row, in the user's order, saying what the client shows.
    const feed = await db.knex('task_changes').where({ user_id: user }).orderBy('user_seq');
    expect(feed.slice(0, 7).map((r) => [r.task_id, r.kind])).toEqual([
      [work, 'list-upserted'],
      [home, 'list-upserted'],
      [gone, 'list-upserted'],
      [work, 'list-upserted'],
      [work, 'list-upserted'],
      [home, 'list-upserted'],
      [gone, 'list-deleted'],
    ]);
    expect(feed[4].task).toMatchObject({ id: work, name: 'Job', order: 0 });

    // Replay rebuilds the same lists; a damaged row shows, and a swap repairs it.
    const dry = await rebuildTasks(db.knex, { swap: false });
    expect(dry.lists.checksum).toEqual(dry.lists.liveChecksum);
    expect(dry.lists.checksum.rows).toBe(3);
    expect(dry.checksum).toEqual(dry.liveChecksum);
    await db.knex('lists').where({ id: work }).update({ name: 'damaged' });
    const check = await rebuildTasks(db.knex, { swap: false });
    expect(check.lists.checksum.md5).not.toBe(check.lists.liveChecksum.md5);
    await rebuildTasks(db.knex, { swap: true });
    expect(await listsChecksum(db.knex, 'lists')).toEqual(dry.lists.checksum);
    expect((await lists.get(user, work))?.name).toBe('Job');

    // The live projection goes on with the swapped-in table.
    await store.append(work, 3, [{ type: LIST_RENAMED, data: { name: 'Work' } }], opts(user));
    await live.caughtUp();
    expect((await lists.get(user, work))?.name).toBe('Work');
    await live.stop();
  });
});
