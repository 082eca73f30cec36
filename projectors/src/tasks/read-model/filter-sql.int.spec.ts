import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  matchesFilter,
  parseFilter,
  resolveFilter,
  startOfZonedDay,
  type Priority,
  type ResolvedFilter,
} from '@todo/contracts';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { TaskDoc } from '../task-doc.ts';
import { docToRow } from '../task-row.ts';
import { listTasks } from './list-tasks.ts';

// The SQL compiler against the reference: for random tasks and random filters, PostgreSQL
// returns exactly the tasks `matchesFilter` accepts. The seed is fixed, so a run is
// reproducible; a failure prints the smallest counter-example fast-check finds.

const NOW = new Date('2026-03-28T22:30:00.000Z');
const ZONE = 'America/New_York';
const DAY = 86_400_000;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const WORDS = ['pay', 'rent', 'read', 'report', 'call', 'mom', 'invoice'];
const TAGS = ['work', 'home', 'errand'];
// Two lists named alike in different case (names need not be unique) and one other.
const LISTS = [
  { id: randomUUID(), name: 'Work' },
  { id: randomUUID(), name: 'work' },
  { id: randomUUID(), name: 'Home' },
];

const taskArb = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
  description: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }).map((w) => w.join(' ')),
  priority: fc.constantFrom<Priority>('none', 'low', 'medium', 'high'),
  tags: fc.subarray(TAGS),
  // Whole days around "now" (all-day tasks start at the zone's midnight) or a minute offset.
  due: fc.option(
    fc.record({
      day: fc.integer({ min: -10, max: 15 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      allDay: fc.boolean(),
    }),
  ),
  recurring: fc.boolean(),
  completed: fc.boolean(),
  createdDaysAgo: fc.integer({ min: 0, max: 20 }),
  createdMinute: fc.integer({ min: 0, max: 1439 }),
  list: fc.option(fc.constantFrom(...LISTS.map((l) => l.id))),
});
type TaskSpec = typeof taskArb extends fc.Arbitrary<infer T> ? T : never;

function docOf(userId: string, spec: TaskSpec): TaskDoc {
  const dueAt = spec.due
    ? new Date(
        startOfZonedDay(NOW, ZONE, spec.due.day).getTime() + (spec.due.allDay ? 0 : spec.due.minute * 60_000),
      ).toISOString()
    : null;
  const createdAt = new Date(
    startOfZonedDay(NOW, ZONE, -spec.createdDaysAgo).getTime() + spec.createdMinute * 60_000,
  );
  const created = new Date(Math.min(createdAt.getTime(), NOW.getTime())).toISOString();
  return {
    id: randomUUID(),
    userId,
    title: spec.title,
    description: spec.description,
    priority: spec.priority,
    tags: spec.tags,
    dueAt,
    allDay: spec.due?.allDay ?? false,
    timezone: ZONE,
    recurrence: spec.recurring ? { rrule: 'FREQ=DAILY', anchor: 'schedule' } : null,
    reminders: [],
    status: spec.completed ? 'completed' : 'open',
    completedAt: spec.completed ? new Date(NOW.getTime() - DAY).toISOString() : null,
    seriesId: null,
    listId: spec.list,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

const TERMS = [
  'today',
  'tomorrow',
  'overdue',
  'no date',
  '3 days',
  'next 10 days',
  'p1',
  'p2',
  'p3',
  'p4',
  '@work',
  '@home',
  '@unknown',
  'no labels',
  '#Work',
  '#home',
  '#Inbox',
  '#Unknown',
  'search: pay',
  'search: re',
  'search: mom invoice',
  'search: zzz',
  'recurring',
  'completed',
  'due before: tomorrow',
  'due after: today',
  'due: 2026-03-30',
  'due before: 2026-04-05',
  'due after: -3 days',
  'created before: -3 days',
  'created after: -10 days',
  'created: yesterday',
];

const filterText: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TERMS),
    fc.tuple(tie('expr'), fc.constantFrom('&', '|'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('expr').map((a) => `!${a}`),
  ),
})).expr;

function resolved(text: string): ResolvedFilter {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  const result = resolveFilter(parsed.query.groups[0]!.expr, { now: NOW, timezone: ZONE, lists: LISTS });
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.filter;
}

async function sqlIds(userId: string, filter: ResolvedFilter): Promise<string[]> {
  const page = await listTasks(db.knex, userId, {
    status: 'all',
    sort: 'due',
    order: 'asc',
    limit: 200,
    resolvedFilter: filter,
  });
  return page.items.map((t) => t.id).sort();
}

describe('the filter compiler: SQL agrees with the reference evaluation', () => {
  it('given random tasks and random filters, when listed, then PostgreSQL returns exactly the matching tasks', async () => {
    // Another user's tasks match the same filters, and must never show.
    const stranger = randomUUID();
    const strangers = fc.sample(taskArb, { numRuns: 30, seed: 7 }).map((s) => docOf(stranger, s));
    await db.knex('tasks').insert(strangers.map(docToRow));

    await fc.assert(
      fc.asyncProperty(
        fc.array(taskArb, { minLength: 1, maxLength: 40 }),
        fc.array(filterText, { minLength: 1, maxLength: 5 }),
        async (specs, filters) => {
          const userId = randomUUID();
          const docs = specs.map((s) => docOf(userId, s));
          await db.knex('tasks').insert(docs.map(docToRow));
          for (const text of filters) {
            const filter = resolved(text);
            const expected = docs
              .filter((d) => matchesFilter(d, filter))
              .map((d) => d.id)
              .sort();
            expect({ text, ids: await sqlIds(userId, filter) }).toEqual({ text, ids: expected });
          }
        },
      ),
      { seed: 20261201, numRuns: 120 },
    );
  });

  it('given the same filter over a user with matching tasks, when listed, then the property is not vacuous', async () => {
    const userId = randomUUID();
    const docs = fc.sample(taskArb, { numRuns: 200, seed: 11 }).map((s) => docOf(userId, s));
    await db.knex('tasks').insert(docs.map(docToRow));
    for (const text of [
      'today',
      'overdue',
      'p1 & @work',
      '#Work',
      '#Inbox',
      '!#home',
      'search: pay',
      'created before: -3 days',
      '!no date',
    ]) {
      const found = await sqlIds(userId, resolved(text));
      expect({ text, some: found.length > 0 }).toEqual({ text, some: true });
    }
  });
});
