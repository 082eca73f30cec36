import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { taskCreatedEvent } from '@todo/contracts/testing';
import { rebuildTasks } from '../replay/rebuild-tasks.ts';
import { runTasksProjection } from './run-tasks-projection.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const created = taskCreatedEvent();

describe('tasks projection', () => {
  it('applies one batch touching more users than one NOTIFY payload can name', async () => {
    const store = new PostgresEventStore(db.knex);
    const users = Array.from({ length: 400 }, () => randomUUID());
    for (const userId of users) {
      await store.append(randomUUID(), 0, [created], { userId, source: 'test', correlationId: 'c' });
    }
    const projection = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    await projection.caughtUp();
    await projection.stop();
    const rows = await db.knex('tasks').count<{ count: string }[]>('* as count');
    expect(Number(rows[0]?.count)).toBe(400);
    const progress = await db.knex('projection_user_progress').where({ projection: 'tasks' });
    expect(progress).toHaveLength(400);
    expect(progress.every((p) => Number(p.applied) === 1)).toBe(true);
  });

  it('builds a batch on the rows read with it as a batch that reads them itself would', async () => {
    // Every field set, then changed in later batches, each built on the row the batch's read
    // gave (TOUCHED_TASK_SQL); the rebuild reads the rows itself: the tables must match.
    const store = new PostgresEventStore(db.knex);
    const projection = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    const userId = randomUUID();
    const taskId = randomUUID();
    const opts = { userId, source: 'test', correlationId: 'c' };
    await store.append(
      taskId,
      0,
      [
        taskCreatedEvent({
          title: 'Every field',
          description: 'set',
          priority: 'high',
          tags: ['home', 'errand'],
          dueAt: '2030-03-04T09:30:00.000Z',
          timezone: 'Europe/Berlin',
          recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
          reminders: [{ id: 'r1', at: '2030-03-04T08:00:00.000Z' }],
        }),
      ],
      opts,
    );
    await projection.caughtUp();
    await store.append(
      taskId,
      1,
      [{ type: 'todo.task.updated.v1', data: { changes: { title: 'Changed' } } }],
      opts,
    );
    await projection.caughtUp();
    await store.append(
      taskId,
      2,
      [{ type: 'todo.task.completed.v1', data: { completedAt: '2030-03-04T10:00:00.000Z' } }],
      opts,
    );
    await projection.caughtUp();
    await projection.stop();

    const task = await db.knex('tasks').where({ id: taskId }).first();
    expect([task.title, task.status, task.version, task.tags]).toEqual([
      'Changed',
      'completed',
      3,
      ['home', 'errand'],
    ]);
    const feed = await db.knex('task_changes').where({ user_id: userId }).orderBy('user_seq');
    expect(feed.map((f) => f.task.title)).toEqual(['Every field', 'Changed', 'Changed']);
    const check = await rebuildTasks(db.knex, { swap: false });
    expect(check.checksum).toEqual(check.liveChecksum);
  });
});
