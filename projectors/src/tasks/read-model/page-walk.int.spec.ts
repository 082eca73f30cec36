import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Priority } from '@todo/contracts';
import { queryPooled, type Knex } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { TaskDoc } from '../task-doc.ts';
import { docToRow } from '../task-row.ts';
import { taskDoc } from '../testing/task-doc.ts';
import { TASKS_PROJECTION } from '../tasks-projection.ts';
import { listTasksJson, listTasksJsonIfCaughtUp, pageQuery } from './list-tasks.ts';
import { walkStatement, walkStopped } from './page-walk.ts';
import type { WalkSort } from './page-walk-functions.ts';
import type { TaskListQuery, TaskListSort } from './task-list-query.ts';

// Pages with a label, a search or a priority walk the sort's index through a SQL function
// whose plan holds whatever the statistics say (page-walk-functions.ts). The table here is
// the case that broke a prepared walk: one user with 3,000 tasks among 400 users with 5 each,
// where the statistics give about 12 rows per user.

const BIG = randomUUID();
const START = Date.UTC(2027, 0, 1);
const PRIORITIES: Priority[] = ['none', 'low', 'medium', 'high'];

function bigUsersTask(i: number): TaskDoc {
  const at = (ms: number) => new Date(START + ms).toISOString();
  const completed = i % 10 === 9;
  return taskDoc({
    id: randomUUID(),
    userId: BIG,
    title: i % 10 === 0 ? `Send invoice ${i}` : `Task ${i}`,
    priority: PRIORITIES[(i * 7) % 4]!,
    // One task in three has the label work; three of the 3,000 have the label rare.
    tags: i % 997 === 500 ? ['rare'] : [i % 3 === 0 ? 'work' : 'home'],
    // Some tasks share a due instant (the id breaks the tie), one in 50 has none.
    dueAt: i % 50 === 0 ? null : at(((i * 37) % 400) * 3_600_000),
    status: completed ? 'completed' : 'open',
    completedAt: completed ? at(i * 60_000) : null,
    createdAt: at(((i * 53) % 3000) * 1000),
    updatedAt: at(((i * 31) % 3000) * 1000 + 5),
  });
}

let db: TestDatabase;
const SMALL = randomUUID();
beforeAll(async () => {
  db = await createTestDatabase();
  const rows = Array.from({ length: 3000 }, (_, i) => docToRow(bigUsersTask(i)));
  for (let u = 0; u < 400; u++) {
    const userId = u === 0 ? SMALL : randomUUID();
    for (let i = 0; i < 5; i++) rows.push(docToRow(taskDoc({ id: randomUUID(), userId, tags: ['work'] })));
  }
  await db.knex.batchInsert('tasks', rows, 1000);
  await db.knex.raw('analyze tasks');
}, 120_000);
afterAll(async () => db.drop());

const query = (overrides: Partial<TaskListQuery>): TaskListQuery => ({
  status: 'open',
  sort: 'due',
  order: 'asc',
  limit: 50,
  ...overrides,
});

const walkQuery = (overrides: Partial<TaskListQuery> & { sort?: WalkSort }) =>
  ({ ...query(overrides), sort: overrides.sort ?? 'due' }) as TaskListQuery & { sort: WalkSort };

/** Every page of a query, as the read model answers them (a walk, or the planned page). */
async function allPages(q: TaskListQuery): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | undefined;
  do {
    const json = await listTasksJson(db.knex, BIG, { ...q, ...(cursor ? { cursor } : {}) });
    pages.push(json);
    cursor = (JSON.parse(json) as { nextCursor: string | null }).nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

/** Every page of a query planned with its values (pageQuery, no walk): the reference. */
async function plannedPages(q: TaskListQuery): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | undefined;
  do {
    const [row] = await queryPooled(db.knex, pageQuery(BIG, { ...q, ...(cursor ? { cursor } : {}) }));
    const [items, fetched, lastKey, lastId] = row as [string | null, number, string, string];
    const { encodeCursor } = await import('./list-cursor.ts');
    cursor = fetched > q.limit ? encodeCursor({ key: lastKey, id: lastId }) : undefined;
    pages.push(`{"items":[${items ?? ''}],"nextCursor":${cursor ? `"${cursor}"` : 'null'}}`);
  } while (cursor);
  return pages;
}

describe('a page with a label, search or priority, walked', () => {
  const sorts: TaskListSort[] = ['due', 'priority', 'created', 'updated'];
  const filters: [string, Partial<TaskListQuery>][] = [
    ['tag=work', { tag: 'work' }],
    ['q=invoice', { q: 'invoice' }],
    ['priority=high', { priority: 'high' }],
    ['tag=work&q=invoice', { tag: 'work', q: 'invoice' }],
    ['tag=rare (past the walk’s bound)', { tag: 'rare' }],
    ['status=completed&tag=home', { status: 'completed', tag: 'home' }],
  ];
  const cases = sorts.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((order) =>
      filters.map(
        ([name, filter]) =>
          [`${name}, sort=${sort} ${order}`, { sort, order, limit: 40, ...filter }] as const,
      ),
    ),
  );
  // The pages no walk serves (they keep every condition: a walk would drop it), the limits'
  // ends, and an empty label beside a priority (the chat's `@` alone: no label).
  const hours = (n: number) => new Date(START + n * 3_600_000).toISOString();
  const others: (readonly [string, Partial<TaskListQuery>])[] = [
    ['tag=work&list=inbox', { tag: 'work', list: 'inbox' }],
    ['tag=work&dueFrom', { tag: 'work', dueFrom: hours(100) }],
    ['q=invoice&dueTo', { q: 'invoice', dueTo: hours(100) }],
    ['tag=work&undated', { tag: 'work', undated: true }],
    ['status=all&tag=work', { status: 'all', tag: 'work' }],
    [
      'tag=work, sort=completed desc (no index in its order)',
      { tag: 'work', sort: 'completed', order: 'desc' },
    ],
    ['q=invoice, sort=updated, limit=1', { q: 'invoice', limit: 1, sort: 'updated' }],
    ['tag=work, sort=priority desc, limit=200', { tag: 'work', limit: 200, sort: 'priority', order: 'desc' }],
    ['priority=high&tag= (empty)', { priority: 'high', tag: '' }],
  ];

  it.each([...cases, ...others])(
    'given %s, when paged through, then every page is the planned page',
    async (_name, q) => {
      const walked = await allPages(query(q));
      const planned = await plannedPages(query(q));
      expect(walked).toEqual(planned);
      expect(walked.join('')).toContain('"id"');
    },
  );

  // A page of all tasks merges each status's walk: paged through, it is the user's tasks in
  // one order over both statuses (the reference: one query without a status, sorted).
  it.each<[string, Partial<TaskListQuery>, string]>([
    ['sort=due', { sort: 'due' }, `coalesce(due_at, 'infinity'::timestamptz), id`],
    [
      'sort=updated desc, tag=work',
      { sort: 'updated', order: 'desc', tag: 'work' },
      'updated_at desc, id desc',
    ],
    ['sort=priority desc', { sort: 'priority', order: 'desc' }, 'priority_rank desc, id desc'],
  ])(
    'given status=all and %s, when paged through, then every task once, in order',
    async (_name, q, order) => {
      const pages = await allPages(query({ status: 'all', limit: 45, ...q }));
      const ids = pages.flatMap((page) =>
        (JSON.parse(page) as { items: { id: string }[] }).items.map((t) => t.id),
      );
      const expected = await db.knex.raw<{ rows: { id: string }[] }>(
        `select id from tasks where user_id = ? ${q.tag ? 'and tags @> array[?]::text[]' : ''} order by ${order}`,
        q.tag ? [BIG, q.tag] : [BIG],
      );
      expect(ids).toEqual(expected.rows.map((r) => r.id));
      expect(new Set(pages.flatMap((p) => [...p.matchAll(/"status":"(\w+)"/g)].map((m) => m[1])))).toEqual(
        new Set(['open', 'completed']),
      );
    },
  );

  it('given a label on a third of the tasks, then the walk fills the page; given a rare one, it stops at its bound', async () => {
    const rowOf = async (q: TaskListQuery & { sort: WalkSort }, userId = BIG) =>
      (await queryPooled(db.knex, walkStatement(userId, q)!))[0]!;
    const dense = await rowOf(walkQuery({ tag: 'work', sort: 'priority', order: 'desc' }));
    expect(dense[1]).toBe(51);
    expect(walkStopped(dense)).toBe(false);
    const rare = await rowOf(walkQuery({ tag: 'rare', sort: 'created' }));
    expect(walkStopped(rare)).toBe(true);
    // A user with few tasks: the walk reads them all and the page is whole.
    const small = await rowOf(walkQuery({ tag: 'home' }), SMALL);
    expect(small[1]).toBe(0);
    expect(small[5]).toBe(5);
    expect(walkStopped(small)).toBe(false);
  });

  // What a page reads, from PostgreSQL's counters for the backend's transaction (those not yet
  // reported, which also hold earlier transactions': hence the difference): ten pages of 50 with
  // `tag=work` (a third of the tasks) fetch about 150 rows each. A plan that read the user's
  // rows by a bitmap and sorted them would fetch all 2,700 of its open tasks each time.
  it('given ten pages for the big user, then each fetches about the rows it walks: no table scan, no label index', async () => {
    const counters = await db.knex.transaction(async (trx: Knex.Transaction) => {
      const read = async () => {
        const { rows } = await trx.raw<{ rows: Record<string, string>[] }>(
          `select t.seq_scan, t.idx_tup_fetch,
                  pg_stat_get_xact_numscans('tasks_tags'::regclass) as tags_scans,
                  pg_stat_get_xact_numscans('tasks_by_priority'::regclass) as priority_scans
             from pg_stat_xact_user_tables t where t.relname = 'tasks'`,
        );
        return rows[0]!;
      };
      const before = await read();
      for (let i = 0; i < 10; i++)
        await queryPooled(
          trx,
          walkStatement(BIG, walkQuery({ tag: 'work', sort: 'priority', order: 'desc' }))!,
        );
      const after = await read();
      return Object.fromEntries(Object.keys(after).map((k) => [k, Number(after[k]) - Number(before[k])]));
    });
    expect(counters['seq_scan']).toBe(0);
    expect(counters['tags_scans']).toBe(0);
    expect(counters['priority_scans']).toBeGreaterThanOrEqual(10);
    expect(counters['idx_tup_fetch']).toBeGreaterThanOrEqual(10 * 51);
    expect(counters['idx_tup_fetch']).toBeLessThanOrEqual(10 * 200);
  });

  it('given the projection behind the user’s writes, then a walked page says so (read-your-writes)', async () => {
    const userId = randomUUID();
    await db.knex('tasks').insert(docToRow(taskDoc({ id: randomUUID(), userId, tags: ['work'] })));
    await db.knex('user_logs').insert({ user_id: userId, last_seq: 2 });
    await db
      .knex('projection_user_progress')
      .insert({ projection: TASKS_PROJECTION, user_id: userId, applied: 1 });
    const page = () => listTasksJsonIfCaughtUp(db.knex, userId, query({ tag: 'work' }), TASKS_PROJECTION);
    expect(await page()).toBeNull();
    await db.knex('projection_user_progress').where({ user_id: userId }).update({ applied: 2 });
    expect(JSON.parse((await page())!)).toMatchObject({ items: [{ tags: ['work'] }], nextCursor: null });
  });

  it('given a cursor of another sort, then the walked page is refused with a 400 naming cursor', async () => {
    const { nextCursor } = JSON.parse(await listTasksJson(db.knex, BIG, query({ tag: 'work' }))) as {
      nextCursor: string;
    };
    await expect(
      listTasksJson(db.knex, BIG, query({ tag: 'work', sort: 'priority', cursor: nextCursor })),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'cursor' }] });
  });
});
