import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaskList } from '@todo/contracts';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { z } from 'zod';
import type { TaskDoc } from '../task-doc.ts';
import { docToRow } from '../task-row.ts';
import { listTasksJson } from './list-tasks.ts';
import { tasksProjectionMigrations } from '../schema.ts';
import { TasksReadModel } from './tasks-read-model.ts';
import { taskDoc } from '../testing/task-doc.ts';

// A page is its tasks' stored views joined: the text the API sent before it was, the rows
// read in Node (`get`) encoded by the response schema and stringified, as
// fastify-type-provider-zod's serializer does. Byte for byte, so no client can tell.

let db: TestDatabase;
let tasks: TasksReadModel;
beforeAll(async () => {
  db = await createTestDatabase();
  tasks = new TasksReadModel(db.knex);
});
afterAll(async () => db.drop());

/** What the response serializer made of a value for a schema. */
const serialised = <T>(schema: z.ZodType<T>, value: T) => JSON.stringify(z.encode(schema, value));

async function stored(doc: TaskDoc): Promise<void> {
  await db.knex('tasks').insert(docToRow(doc));
}

/** A task of its own (fresh ids: every case stores its tasks). */
const doc = (overrides: Partial<TaskDoc> = {}): TaskDoc =>
  taskDoc({ id: randomUUID(), userId: randomUUID(), ...overrides });

describe('a page as JSON', () => {
  it('given pages of a user, then each is the text the response serializer wrote for the same page', async () => {
    const userId = randomUUID();
    const docs = Array.from({ length: 7 }, (_, i) =>
      doc({
        userId,
        title: `Task ${i}`,
        priority: (['none', 'low', 'medium', 'high'] as const)[i % 4],
        dueAt: i % 3 === 0 ? null : `2027-01-0${i + 1}T09:00:00.000Z`,
        reminders: i % 2 ? [{ id: `r${i}`, minutesBefore: i }] : [],
      }),
    );
    for (const d of docs) await stored(d);
    for (const sort of ['due', 'priority', 'created', 'updated'] as const) {
      let cursor: string | undefined;
      const seen: string[] = [];
      do {
        const query = {
          status: 'open' as const,
          sort,
          order: 'desc' as const,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        };
        const json = await listTasksJson(db.knex, userId, query);
        const page = JSON.parse(json) as TaskList;
        const views = await Promise.all(page.items.map((t) => tasks.get(userId, t.id)));
        expect(json).toBe(serialised(TaskList, { items: views.map((v) => v!), nextCursor: page.nextCursor }));
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(docs.map((d) => d.id).sort());
    }
  });

  it('given no task, then the page is empty and says no other follows', async () => {
    const json = await listTasksJson(db.knex, randomUUID(), {
      status: 'open',
      sort: 'due',
      order: 'asc',
      limit: 50,
    });
    expect(json).toBe('{"items":[],"nextCursor":null}');
  });
});

describe('the migration that adds the stored views', () => {
  it('given rows made before it, then each gets the view its task would be written with', async () => {
    const userId = randomUUID();
    const docs = Array.from({ length: 3 }, (_, i) =>
      doc({ userId, title: `Old ${i}`, recurrence: i ? { rrule: 'FREQ=DAILY', anchor: 'schedule' } : null }),
    );
    for (const d of docs) await stored(d);
    const expected = await db.knex('tasks').select('id', 'view').where({ user_id: userId }).orderBy('id');
    await db.knex.raw('alter table tasks drop column view');
    const migration = tasksProjectionMigrations.find((m) => m.name === '0208_tasks_view')!;
    await migration.up(db.knex);
    expect(await db.knex('tasks').select('id', 'view').where({ user_id: userId }).orderBy('id')).toEqual(
      expected,
    );
  });
});
