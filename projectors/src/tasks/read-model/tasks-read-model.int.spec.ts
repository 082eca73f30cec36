import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  TASK_COMPLETED,
  TASK_CREATED,
  type AnyEnvelope,
  type TaskCreatedData,
  type TaskView,
} from '@todo/contracts';
import { taskCreatedData } from '@todo/contracts/testing';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { runTasksProjection } from '../run-tasks-projection.ts';
import { applyToTasks } from '../tasks-projection.ts';
import type { TaskListQuery } from './task-list-query.ts';
import { TasksReadModel } from './tasks-read-model.ts';

// The read model against a real PostgreSQL, its rows written by the projection's own writer.

let db: TestDatabase;
let tasks: TasksReadModel;
beforeAll(async () => {
  db = await createTestDatabase();
  tasks = new TasksReadModel(db.knex);
});
afterAll(async () => db.drop());

let position = 0;
const envelope = (userId: string, taskId: string, version: number, type: string, data: unknown) => ({
  specversion: '1.0' as const,
  id: randomUUID(),
  source: 'test',
  type,
  subject: taskId,
  time: '2026-01-01T00:00:00.000Z',
  datacontenttype: 'application/json' as const,
  data,
  userid: userId,
  streamversion: version,
  position: String(++position),
  userseq: String(position),
  correlationid: 'c',
  causationid: null,
});

/** Writes one task per entry through the projection; `completedAt` completes it. */
async function given(
  userId: string,
  specs: (Partial<TaskCreatedData> & { completedAt?: string })[],
): Promise<string[]> {
  const ids = specs.map(() => randomUUID());
  const events: AnyEnvelope[] = specs.flatMap(({ completedAt, ...fields }, i) => [
    envelope(userId, ids[i]!, 1, TASK_CREATED, taskCreatedData(fields)),
    ...(completedAt ? [envelope(userId, ids[i]!, 2, TASK_COMPLETED, { completedAt })] : []),
  ]);
  await db.knex.transaction((trx) => applyToTasks(trx, events, { live: false }));
  return ids;
}

const query = (q: Partial<TaskListQuery> = {}): TaskListQuery => ({
  status: 'open',
  sort: 'due',
  order: 'asc',
  limit: 50,
  ...q,
});
const titles = (items: TaskView[]) => items.map((t) => t.title);

describe('tasks read model: list', () => {
  it('includes a task due at exactly dueTo or dueFrom, and none a millisecond outside', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'just before', dueAt: '2026-03-02T09:59:59.999Z' },
      { title: 'at from', dueAt: '2026-03-02T10:00:00.000Z' },
      { title: 'at to', dueAt: '2026-03-02T12:00:00.000Z' },
      { title: 'just after', dueAt: '2026-03-02T12:00:00.001Z' },
    ]);
    const page = await tasks.list(
      user,
      query({ dueFrom: '2026-03-02T10:00:00.000Z', dueTo: '2026-03-02T12:00:00.000Z' }),
    );
    expect(titles(page.items)).toEqual(['at from', 'at to']);
  });

  it('filters by status, priority, tag, words of the title and the lack of a due date', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'Pay rent', priority: 'high', tags: ['home'], dueAt: '2026-03-01T09:00:00.000Z' },
      { title: 'Buy milk', priority: 'low', tags: ['errands'] },
      { title: 'Paint fence', tags: ['home'], completedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    expect(titles((await tasks.list(user, query())).items)).toEqual(['Pay rent', 'Buy milk']);
    expect(titles((await tasks.list(user, query({ status: 'all', tag: 'home' }))).items)).toEqual([
      'Pay rent',
      'Paint fence',
    ]);
    expect(titles((await tasks.list(user, query({ priority: 'low' }))).items)).toEqual(['Buy milk']);
    expect(titles((await tasks.list(user, query({ status: 'all', q: 'pa' }))).items)).toEqual([
      'Pay rent',
      'Paint fence',
    ]);
    expect(titles((await tasks.list(user, query({ undated: true }))).items)).toEqual(['Buy milk']);
  });

  it('ranges completed tasks by when they were done, newest first, bounds included', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'Monday', completedAt: '2026-03-02T08:00:00.000Z' },
      { title: 'Tuesday', completedAt: '2026-03-03T08:00:00.000Z' },
      { title: 'Wednesday', completedAt: '2026-03-04T08:00:00.000Z' },
    ]);
    const page = await tasks.list(
      user,
      query({
        status: 'completed',
        completedFrom: '2026-03-02T08:00:00.000Z',
        completedTo: '2026-03-03T08:00:00.000Z',
        sort: 'completed',
        order: 'desc',
      }),
    );
    expect(titles(page.items)).toEqual(['Tuesday', 'Monday']);
  });

  it('pages with a cursor, every task once and in order; undated tasks last', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'third', dueAt: '2026-03-03T00:00:00.000Z', priority: 'low' },
      { title: 'undated', priority: 'high' },
      { title: 'first', dueAt: '2026-03-01T00:00:00.000Z' },
      { title: 'second', dueAt: '2026-03-02T00:00:00.000Z', priority: 'medium' },
    ]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await tasks.list(user, query({ limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...titles(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['first', 'second', 'third', 'undated']);
    const byPriority = await tasks.list(user, query({ sort: 'priority', order: 'desc', limit: 2 }));
    expect(titles(byPriority.items)).toEqual(['undated', 'second']);
  });

  it('refuses a cursor of another sort and a search without letters or digits, naming the field', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'a', priority: 'low' },
      { title: 'b', priority: 'high' },
    ]);
    const page = await tasks.list(user, query({ sort: 'priority', limit: 1 }));
    expect(page.nextCursor).not.toBeNull();
    await expect(tasks.list(user, query({ cursor: page.nextCursor! }))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'cursor' }],
    });
    await expect(tasks.list(user, query({ q: '!!' }))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'q' }],
    });
  });
});

describe('tasks read model: one user only', () => {
  it("gets the user's own task and never another user's", async () => {
    const owner = randomUUID();
    const [id] = await given(owner, [{ title: 'Mine', tags: ['x'] }]);
    expect(await tasks.get(owner, id!)).toMatchObject({ id, title: 'Mine', tags: ['x'], version: 1 });
    expect(await tasks.get(owner, id!)).not.toHaveProperty('userId');
    expect(await tasks.get(randomUUID(), id!)).toBeNull();
    expect((await tasks.list(randomUUID(), query({ status: 'all' }))).items).toEqual([]);
  });

  it('matches every word of a target in the title, any case, only in the statuses asked', async () => {
    const user = randomUUID();
    await given(user, [
      { title: 'Water the ferns' },
      { title: 'Water the roses', completedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    await given(randomUUID(), [{ title: 'Water the ferns too' }]);
    expect(titles(await tasks.matching(user, 'FERNS water', ['open']))).toEqual(['Water the ferns']);
    expect(titles(await tasks.matching(user, 'roses', ['open']))).toEqual([]);
    expect(titles(await tasks.matching(user, 'roses', ['open', 'completed']))).toEqual(['Water the roses']);
    expect(await tasks.matching(user, ' % ', ['open'])).toEqual([]);
  });
});

describe('tasks read model: caught up', () => {
  it("is caught up only once the projection has applied the user's writes", async () => {
    const user = randomUUID();
    const taskId = randomUUID();
    const store = new PostgresEventStore(db.knex);
    await store.append(taskId, 0, [{ type: TASK_CREATED, data: taskCreatedData({ title: 'Fresh' }) }], {
      userId: user,
      source: 'test',
      correlationId: 'c',
    });
    expect(await tasks.caughtUp(user, 20)).toBe(false);
    const projection = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    try {
      expect(await tasks.caughtUp(user, 30_000)).toBe(true);
      expect(await tasks.get(user, taskId)).toMatchObject({ title: 'Fresh' });
    } finally {
      await projection.stop();
    }
  });
});
