import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaskList, TaskView } from '@todo/contracts';
import { queryPooled } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import fc from 'fast-check';
import { z } from 'zod';
import type { TaskDoc } from '../task-doc.ts';
import { docToRow } from '../task-row.ts';
import { listTasksJson } from './list-tasks.ts';
import { TASK_VIEW_JSON } from './task-view-json.ts';
import { TasksReadModel } from './tasks-read-model.ts';

// The JSON PostgreSQL writes for a task is the text the API sent before it did:
// the row read in Node (`get`), encoded by the response schema and stringified, as
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

async function sqlJsonOf(id: string): Promise<string> {
  const [row] = await queryPooled(db.knex, {
    text: `select ${TASK_VIEW_JSON} from tasks where tasks.id = $1`,
    values: [id],
  });
  return row![0] as string;
}

async function stored(doc: TaskDoc): Promise<void> {
  await db.knex('tasks').insert(docToRow(doc));
}

function doc(overrides: Partial<TaskDoc> = {}): TaskDoc {
  return {
    id: randomUUID(),
    userId: randomUUID(),
    title: 'A task',
    description: '',
    priority: 'none',
    tags: [],
    dueAt: null,
    allDay: false,
    timezone: 'UTC',
    recurrence: null,
    reminders: [],
    status: 'open',
    completedAt: null,
    seriesId: null,
    listId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

async function expectSameText(task: TaskDoc): Promise<void> {
  await stored(task);
  const view = await tasks.get(task.userId, task.id);
  expect(await sqlJsonOf(task.id)).toBe(serialised(TaskView, view!));
}

describe('a task as JSON written by PostgreSQL', () => {
  it.each<[string, Partial<TaskDoc>]>([
    ['a plain task', {}],
    [
      'every field set',
      {
        title: 'Pay "rent" \\ now',
        description: 'line one\nline two\ttabbed\r\n',
        priority: 'high',
        tags: ['home', 'money'],
        dueAt: '2027-02-28T23:59:59.999Z',
        allDay: true,
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', anchor: 'completion' },
        reminders: [
          { id: 'r1', at: '2027-02-28T08:00:00.000Z' },
          { id: 'r-2', minutesBefore: 30 },
          { id: 'r_3', minutesBefore: 0 },
        ],
        status: 'completed',
        completedAt: '2027-03-01T00:00:00.001Z',
        seriesId: randomUUID(),
        listId: randomUUID(),
        createdAt: '0001-01-01T00:00:00.000Z',
        updatedAt: '9999-12-31T23:59:59.999Z',
        version: 2_000_000_000,
      },
    ],
    [
      'text outside ASCII and old control characters',
      {
        title: 'Café ☕ 😀 \u2028\u2029 \u007f\u0080 \u0001\u001f\b\f',
        description: '</script> / \u00e9\u0301 𝄞',
        tags: ['ünï', '日本'],
      },
    ],
    ['a recurrence on the schedule', { recurrence: { rrule: 'FREQ=DAILY;COUNT=3', anchor: 'schedule' } }],
  ])('given %s, then its text is the one the response serializer wrote', async (_name, fields) => {
    await expectSameText(doc(fields));
  });

  it('given keys the response schema does not know in stored JSON, then they are left out as it strips them', async () => {
    const task = doc({ recurrence: { rrule: 'FREQ=DAILY', anchor: 'schedule' } });
    await stored(task);
    await db.knex.raw(
      `update tasks set recurrence = recurrence || '{"old": 1}', reminders = '[{"at": "2027-01-01T00:00:00.000Z", "id": "a", "extra": true}]' where id = ?`,
      [task.id],
    );
    const view = await tasks.get(task.userId, task.id);
    expect(await sqlJsonOf(task.id)).toBe(serialised(TaskView, view!));
  });

  it('given any text PostgreSQL can store, then its escapes are those of JSON.stringify', async () => {
    const storable = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(
        storable,
        storable,
        fc.array(storable, { maxLength: 3 }),
        async (title, description, tags) => {
          await expectSameText(doc({ title, description, tags }));
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });
});

describe('a page as JSON written by PostgreSQL', () => {
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
