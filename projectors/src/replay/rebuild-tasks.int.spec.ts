import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { taskCreatedEvent } from '@todo/contracts/testing';
import { runTasksProjection } from '../tasks/run-tasks-projection.ts';
import { tasksChecksum } from './checksum.ts';
import { rebuildTasks } from './rebuild-tasks.ts';
import { listTasks } from '../tasks/read-model/list-tasks.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const created = (title: string) => taskCreatedEvent({ title });

describe('replay of the tasks projection', () => {
  it('rebuilds the same table from the log, repairs a damaged one, and swaps it in', async () => {
    const store = new PostgresEventStore(db.knex);
    const log = new PostgresEventLog(db.knex, db.connectionString, createLogger('silent'));
    const live = runTasksProjection(log);
    // Stopped however the test ends: a running projector would keep jest from exiting.
    try {
      const user = randomUUID();
      const opts = { userId: user, source: 'test', correlationId: 'c' };
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const id = randomUUID();
        ids.push(id);
        await store.append(id, 0, [created(`task ${i}`)], opts);
      }
      await store.append(
        ids[0]!,
        1,
        [{ type: 'todo.task.completed.v1', data: { completedAt: '2026-01-01T00:00:00.000Z' } }],
        opts,
      );
      await store.append(ids[1]!, 1, [{ type: 'todo.task.deleted.v1', data: {} }], opts);
      await live.caughtUp();

      const progress: number[] = [];
      const dry = await rebuildTasks(db.knex, { swap: false, onProgress: (p) => progress.push(p.applied) });
      expect(dry.events).toBe(32);
      expect(progress.at(-1)).toBe(32);
      expect(dry.checksum).toEqual(dry.liveChecksum);
      expect(dry.checksum.rows).toBe(29);

      await db.knex('tasks').where({ id: ids[2] }).update({ title: 'damaged' });
      const check = await rebuildTasks(db.knex, { swap: false });
      expect(check.checksum.md5).not.toBe(check.liveChecksum.md5);

      // A search is read by a walk function (page-walk-functions.ts), whose body names the
      // table and whose plan a connection keeps: after the swap it reads the swapped-in table.
      const search = async (q: string) =>
        (await listTasks(db.knex, user, { status: 'open', sort: 'created', order: 'asc', limit: 50, q }))
          .items;
      expect((await search('damaged')).map((t) => t.id)).toEqual([ids[2]]);
      const repaired = await rebuildTasks(db.knex, { swap: true });
      expect(repaired.swapped).toBe(true);
      expect(await search('damaged')).toEqual([]);
      expect((await search('task 2')).map((t) => t.title)).toContain('task 2');
      expect(await tasksChecksum(db.knex, 'tasks')).toEqual(dry.checksum);
      expect((await db.knex('tasks').where({ id: ids[2] }).first()).title).toBe('task 2');
      // The swapped-in table comes with its statistics (the planner's estimates of a search or
      // a label need them), not after autovacuum's next visit.
      const analyzed = await db.knex.raw(
        `select count(*)::int as columns from pg_stats
        where schemaname = current_schema() and tablename = 'tasks' and attname in ('user_id', 'search', 'tags')`,
      );
      expect(analyzed.rows[0].columns).toBe(3);

      // The live projector keeps working on the swapped-in table.
      await store.append(
        ids[3]!,
        1,
        [{ type: 'todo.task.updated.v1', data: { changes: { title: 'after swap' } } }],
        opts,
      );
      await live.caughtUp();
      expect((await db.knex('tasks').where({ id: ids[3] }).first()).title).toBe('after swap');
    } finally {
      await live.stop();
    }
  });

  it('leaves out what the live projection quarantined, so both tables still match', async () => {
    const store = new PostgresEventStore(db.knex);
    const log = new PostgresEventLog(db.knex, db.connectionString, createLogger('silent'));
    const live = runTasksProjection(log);
    const opts = { userId: randomUUID(), source: 'test', correlationId: 'c' };
    // Valid by the event's schema, refused by a rule of the live read model that the log
    // does not know (no schema-valid event misfits today's read model; see
    // poison-event.int.spec.ts in deploy/standalone).
    await db.knex.raw(`alter table tasks add constraint tasks_title_is_not_poison check (title <> 'poison')`);
    const poisoned = randomUUID();
    await store.append(poisoned, 0, [taskCreatedEvent({ title: 'poison' })], opts);
    const fine = randomUUID();
    await store.append(fine, 0, [created('fine')], opts);
    await live.caughtUp();
    await live.stop();
    expect(
      await db.knex('quarantined_events').where({ stream_id: poisoned }).select('event_id'),
    ).toHaveLength(1);
    expect(await db.knex('tasks').where({ id: fine }).first()).toBeDefined();

    const dry = await rebuildTasks(db.knex, { swap: false });
    expect(dry.checksum).toEqual(dry.liveChecksum);
  });
});
