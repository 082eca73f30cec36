import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  parseFilter,
  resolveFilter,
  startOfZonedDay,
  type Priority,
  type ResolvedFilter,
} from '@todo/contracts';
import { queryPooled, type Knex, type PooledStatement } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { TaskDoc } from '../task-doc.ts';
import { docToRow } from '../task-row.ts';
import { countMatching, countQuery } from './count-matching.ts';
import { TASKS_PROJECTION } from '../tasks-projection.ts';
import { listTasks, pageQuery } from './list-tasks.ts';
import type { TaskListQuery } from './task-list-query.ts';

// Query plans for a user with 10,000 tasks (and a neighbour with as many): a filter on an
// indexed field is served by that field's index, never by reading every row.

const NOW = new Date('2026-03-28T22:30:00.000Z');
const ZONE = 'Europe/Paris';
const USER = randomUUID();
// One task in 500 is in the list Work, one in 100 in Home; the rest are in the Inbox.
const LISTS = [
  { id: randomUUID(), name: 'Work' },
  { id: randomUUID(), name: 'Home' },
];

let db: TestDatabase;

function docOf(userId: string, i: number): TaskDoc {
  const priorities: Priority[] = ['none', 'low', 'medium'];
  const at = (days: number) => startOfZonedDay(NOW, ZONE, days).toISOString();
  // Spread over ten years around now; one task in 500 has no date.
  const dueAt =
    i % 500 === 0
      ? null
      : new Date(Date.parse(at(((i * 37) % 3650) - 1825)) + (i % 24) * 3_600_000).toISOString();
  const createdAt = at(-((i * 53) % 1800) - 1);
  return {
    id: randomUUID(),
    userId,
    title: i % 1000 === 0 ? `Send invoice ${i}` : `Task ${i}`,
    description: '',
    priority: i % 400 === 0 ? 'high' : priorities[i % 3]!,
    tags: i % 701 === 0 ? ['urgent'] : [i % 2 ? 'work' : 'home'],
    dueAt,
    allDay: false,
    timezone: ZONE,
    recurrence: null,
    reminders: [],
    status: i % 10 === 0 ? 'completed' : 'open',
    completedAt: i % 10 === 0 ? createdAt : null,
    seriesId: null,
    listId: i % 500 === 1 ? LISTS[0]!.id : i % 100 === 3 ? LISTS[1]!.id : null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const user of [USER, randomUUID()]) {
    const rows = Array.from({ length: 10_000 }, (_, i) => docToRow(docOf(user, i)));
    await db.knex.batchInsert('tasks', rows, 1000);
  }
  await db.knex.raw('analyze tasks');
}, 120_000);
afterAll(async () => db.drop());

function resolved(text: string): ResolvedFilter {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = resolveFilter(parsed.query.groups[0]!.expr, { now: NOW, timezone: ZONE, lists: LISTS });
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The plan of a statement as pg sends it (`$n` parameters), as EXPLAIN's JSON. */
async function explain(statement: PooledStatement): Promise<PlanNode> {
  const [row] = await queryPooled(db.knex, {
    text: `explain (format json) ${statement.text}`,
    values: statement.values,
  });
  return (row![0] as { Plan: PlanNode }[])[0]!.Plan;
}

async function planOf(
  text: string,
  of: 'page' | 'count' = 'page',
): Promise<{ scans: string[]; indexes: string[] }> {
  const plan =
    of === 'count'
      ? await explainKnex(countQuery(db.knex, USER, resolved(text), 'open', 1000))
      : await explain(
          pageQuery(USER, {
            status: 'open',
            sort: 'due',
            order: 'asc',
            limit: 50,
            resolvedFilter: resolved(text),
          }),
        );
  const nodes = nodesOf(plan);
  return {
    scans: nodes.map((n) => n['Node Type']).filter((t) => t.includes('Scan')),
    indexes: nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
  };
}

async function explainKnex(query: Knex.QueryBuilder): Promise<PlanNode> {
  const { sql, bindings } = query.toSQL();
  const result = await db.knex.raw<{ rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] }>(
    `explain (format json) ${sql}`,
    bindings,
  );
  return result.rows[0]!['QUERY PLAN'][0]!.Plan;
}

describe('filter query plans for a user with 10,000 tasks', () => {
  it.each<[string, string]>([
    ['p1', 'tasks_by_priority'],
    ['@urgent', 'tasks_tags'],
    ['today', 'tasks_by_due'],
    ['tomorrow', 'tasks_by_due'],
    ['7 days', 'tasks_by_due'],
    ['no date', 'tasks_by_due'],
    ['due before: 2021-04-01', 'tasks_by_due'],
    ['created after: -3 days', 'tasks_by_created'],
    ['created before: -1790 days', 'tasks_by_created'],
    ['p1 | @urgent', 'tasks_tags'],
    ['today & @work', 'tasks_by_due'],
    ['#Work', 'tasks_by_list'],
    ['#home', 'tasks_by_list'],
    ['p1 & #Work', 'tasks_by_list'],
  ])('given the filter %j, when planned, then it reads %s and no table scan', async (text, index) => {
    const plan = await planOf(text);
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.indexes).toContain(index);
  });

  // PostgreSQL estimates a prefix tsquery ("invoice:*") coarsely, so for a page of 50 it may
  // walk the user's open tasks in due order rather than the search index: still an index
  // range bounded by user and status, never a table scan.
  it('given a search, when planned, then it reads an index and no table scan', async () => {
    const plan = await planOf('search: invoice');
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.indexes.some((i) => i === 'tasks_search' || i === 'tasks_by_due')).toBe(true);
  });
});

// A saved view's count (GET /api/views): the same condition, counted without loading a row and
// stopped at the cap, so it too reads an index range and never the table.
describe("a saved view's count for a user with 10,000 tasks", () => {
  it.each<[string, string]>([
    ['p1', 'tasks_by_priority'],
    ['@urgent', 'tasks_tags'],
    ['7 days', 'tasks_by_due'],
    ['today & p1', 'tasks_by'],
  ])('given the filter %j, when counted, then it reads %s… and no table scan', async (text, index) => {
    const plan = await planOf(text, 'count');
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.indexes.some((i) => i.startsWith(index))).toBe(true);
  });

  // `overdue` matches half of this user's tasks, who own half of the table: PostgreSQL then
  // rightly prefers reading rows in table order until the cap is reached. The cap bounds it.
  it('given a filter that matches most tasks, when counted, then the plan stops at the cap', async () => {
    const nodes = nodesOf(
      await explainKnex(countQuery(db.knex, USER, resolved('today & p1 | overdue'), 'open', 1000)),
    ) as (PlanNode & { 'Plan Rows'?: number })[];
    const limit = nodes.find((n) => n['Node Type'] === 'Limit');
    expect(limit?.['Plan Rows']).toBeLessThanOrEqual(1000);
  });

  it('given more matches than the cap, then the count stops at the cap and says so', async () => {
    // Every open task with a date before now: thousands of them.
    const capped = await countMatching(db.knex, USER, resolved('overdue'), 'open', 1000);
    expect(capped).toEqual({ count: 1000, capped: true });
    const exact = await countMatching(db.knex, USER, resolved('p1'), 'open', 1000);
    const open = await db
      .knex('tasks')
      .where({ user_id: USER, status: 'open', priority: 'high' })
      .count<{ n: string }[]>({ n: '*' });
    expect(exact).toEqual({ count: Number(open[0]!.n), capped: false });
  });
});

// GET /api/tasks without a filter (the queries of the foundation benchmark among them), as the
// route sends it (with the read-your-writes progress beside the rows): each page walks an
// index of the tasks table in the page's own order — no table scan and no sort of the user's
// rows, whose cost would grow with the number of tasks instead of the page size.
describe('list query plans (GET /api/tasks) for a user with 10,000 tasks', () => {
  async function listPlan(query: Partial<TaskListQuery>): Promise<PlanNode[]> {
    return nodesOf(
      await explain(
        pageQuery(USER, { status: 'open', sort: 'due', order: 'asc', limit: 50, ...query }, TASKS_PROJECTION),
      ),
    );
  }
  const onTasks = (nodes: PlanNode[]) =>
    nodes.filter((n) => n['Relation Name'] === 'tasks').map((n) => n['Node Type']);
  const sorts = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'].includes('Sort'));

  it.each<[string, Partial<TaskListQuery>, string]>([
    ['sort=due', { sort: 'due' }, 'tasks_by_due'],
    ['sort=due, desc', { sort: 'due', order: 'desc' }, 'tasks_by_due'],
    ['sort=priority, desc', { sort: 'priority', order: 'desc' }, 'tasks_by_priority'],
    ['sort=created', { sort: 'created' }, 'tasks_by_created'],
    ['sort=updated, desc', { sort: 'updated', order: 'desc' }, 'tasks_by_updated'],
    ['tag=work, sort=priority desc', { tag: 'work', sort: 'priority', order: 'desc' }, 'tasks_by_priority'],
    ['list=inbox, sort=due', { list: 'inbox', sort: 'due' }, 'tasks_by'],
  ])(
    'given %s, when planned, then it walks %s… in order: no Seq Scan, no Sort',
    async (_name, query, index) => {
      const nodes = await listPlan(query);
      expect(onTasks(nodes)).not.toContain('Seq Scan');
      expect(sorts(nodes)).toEqual([]);
      expect(nodes.some((n) => n['Index Name']?.startsWith(index))).toBe(true);
    },
  );

  // Pages without a value-dependent condition run as named prepared statements (rowsOf in
  // list-tasks.ts), whose plan PostgreSQL may make generic, blind to the user's values: that
  // plan must walk in order too. (With `tag=work` it would not: a GIN read and a sort.)
  it.each<[string, Partial<TaskListQuery>]>([
    ['sort=due', { sort: 'due' }],
    ['sort=priority, desc', { sort: 'priority', order: 'desc' }],
    ['sort=updated, desc', { sort: 'updated', order: 'desc' }],
    ['list=inbox, sort=created', { list: 'inbox', sort: 'created' }],
  ])(
    'given %s as a prepared statement, when its generic plan is used, then no Seq Scan, no Sort',
    async (_name, query) => {
      const { text, values } = pageQuery(
        USER,
        { status: 'open', sort: 'due', order: 'asc', limit: 50, ...query },
        TASKS_PROJECTION,
      );
      const nodes = await db.knex.transaction(async (trx) => {
        await trx.raw(`set local plan_cache_mode = force_generic_plan`);
        await trx.raw(`prepare generic_page as ${text.replaceAll('?', '??')}`);
        const args = values.map((b) => `'${String(b).replaceAll("'", "''")}'`).join(', ');
        const result = await trx.raw<{ rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] }>(
          `explain (format json) execute generic_page(${args})`,
        );
        await trx.raw('deallocate generic_page');
        return nodesOf(result.rows[0]!['QUERY PLAN'][0]!.Plan);
      });
      expect(onTasks(nodes)).not.toContain('Seq Scan');
      expect(sorts(nodes)).toEqual([]);
    },
  );

  it('given the next page (a cursor), when planned, then it starts inside the index: no Sort', async () => {
    const { nextCursor } = await import('./list-tasks.ts').then((m) =>
      m.listTasks(db.knex, USER, { status: 'open', sort: 'priority', order: 'desc', limit: 50 }),
    );
    expect(nextCursor).not.toBeNull();
    const nodes = await listPlan({ sort: 'priority', order: 'desc', cursor: nextCursor! });
    expect(onTasks(nodes)).not.toContain('Seq Scan');
    expect(sorts(nodes)).toEqual([]);
  });

  // A page of all tasks (exports; filters that mention completed tasks): every index leads
  // with the status, so it reads the first rows of each status's walk and merges them. What
  // it read, from EXPLAIN ANALYZE: no read of `tasks` yields more rows than the page (one read
  // in the sort's order would have sorted all 10,000 of the user's tasks).
  it.each<[string, Partial<TaskListQuery>, 'first page' | 'next page']>([
    ['sort=due', { sort: 'due' }, 'first page'],
    ['sort=updated desc, the next page', { sort: 'updated', order: 'desc' }, 'next page'],
    ['sort=created desc', { sort: 'created', order: 'desc' }, 'first page'],
    // Priority low: a third of the tasks, open and completed.
    ['filter p3', { resolvedFilter: resolved('p3') }, 'first page'],
  ])(
    'given status=all and %s, then each read of tasks yields at most a page',
    async (_name, query, which) => {
      const first: TaskListQuery = { status: 'all', sort: 'due', order: 'asc', limit: 50, ...query };
      const page =
        which === 'first page'
          ? first
          : { ...first, cursor: (await listTasks(db.knex, USER, first)).nextCursor! };
      const { text, values } = pageQuery(USER, page, TASKS_PROJECTION);
      const [row] = await queryPooled(db.knex, { text: `explain (analyze, format json) ${text}`, values });
      const nodes = nodesOf((row![0] as { Plan: PlanNode }[])[0]!.Plan) as (PlanNode & {
        'Actual Rows': number;
      })[];
      const reads = nodes.filter((n) => n['Relation Name'] === 'tasks');
      expect(reads.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(reads.length).toBeGreaterThanOrEqual(2);
      for (const read of reads) expect(read['Actual Rows']).toBeLessThanOrEqual(51);
    },
  );

  // A search may be served by the search index and a sort of its matches, when PostgreSQL
  // expects few of them: then the index is the user's own (user_id leads it), so the cost is
  // the user's matches, never every user's.
  it('given q=invoice, when planned, then no Seq Scan, and a search index read is the user’s own', async () => {
    const nodes = await listPlan({ q: 'invoice', sort: 'updated', order: 'desc' });
    expect(onTasks(nodes)).not.toContain('Seq Scan');
    for (const n of nodes.filter((node) => node['Index Name'] === 'tasks_search'))
      expect(n['Index Cond']).toContain('user_id');
  });
});
