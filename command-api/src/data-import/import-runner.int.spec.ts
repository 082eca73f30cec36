import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateTaskBody } from '@todo/contracts';
import { fixedClock, PostgresEventStore, randomIds } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import type { ImportPlan, ImportStep } from './import-plan.ts';
import { ImportJobs } from './import-jobs.ts';
import { runImport } from './import-runner.ts';

let db: TestDatabase;
let deps: Parameters<typeof runImport>[0];

beforeAll(async () => {
  db = await createTestDatabase();
  const jobs = new ImportJobs(db.knex);
  deps = {
    knex: db.knex,
    store: new PostgresEventStore(db.knex),
    ids: randomIds,
    clock: fixedClock('2026-12-01T10:00:00Z'),
    jobs,
  };
});
afterAll(async () => db.drop());

const step = (row: number, taskId: string, body: CreateTaskBody, completedAt?: string): ImportStep => ({
  item: {
    row,
    taskId,
    body,
    ...(completedAt ? { completedAt } : {}),
    columnOf: (field) => (field?.startsWith('recurrence') ? 'DATE' : null),
  },
  report: [],
});
const planOf = (steps: ImportStep[]): ImportPlan => ({ total: steps.length, report: [], steps });

async function run(userId: string, steps: ImportStep[], stopping?: () => boolean) {
  const id = randomUUID();
  await deps.jobs.start({
    id,
    userId,
    source: 'todoist-csv',
    total: steps.length,
    report: [],
    now: deps.clock.now(),
  });
  await runImport(deps, { id, userId, timezone: 'UTC' }, planOf(steps), stopping);
  return (await deps.jobs.get(userId, id))!;
}

describe('running an import against the real event store', () => {
  const user = randomUUID();
  let [tea, dentist, party] = [randomUUID(), randomUUID(), randomUUID()];
  const steps = () => [
    step(2, tea, { title: 'Tea' }),
    step(3, dentist, { title: 'Dentist' }, '2026-11-30T09:00:00.000Z'),
    // A rule that never occurs is refused by the decider: reported with the column it came from.
    step(4, party, {
      title: 'Party',
      dueAt: '2026-12-01T00:00:00Z',
      recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', anchor: 'schedule' },
    }),
  ];

  it('creates each task through the command path, completes the completed ones, and reports refusals', async () => {
    const job = await run(user, steps());
    expect(job).toMatchObject({
      status: 'done',
      total: 3,
      processed: 3,
      created: 2,
      unchanged: 0,
      finishedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(job.report).toEqual([expect.objectContaining({ row: 4, column: 'DATE', outcome: 'skipped' })]);
    const events = await db
      .knex('events')
      .where({ user_id: user })
      .orderBy('position')
      .select('stream_id', 'type', 'correlation_id');
    expect(events.map((e) => [e.stream_id, e.type])).toEqual([
      [tea, 'todo.task.created.v1'],
      [dentist, 'todo.task.created.v1'],
      [dentist, 'todo.task.completed.v1'],
    ]);
    expect(new Set(events.map((e) => e.correlation_id))).toEqual(new Set([job.id]));
  });

  it('given the same rows again, then nothing is written and they are counted unchanged', async () => {
    const [before] = await db.knex('events').where({ user_id: user }).count({ n: '*' });
    const job = await run(user, steps());
    expect(job).toMatchObject({ status: 'done', created: 0, unchanged: 2 });
    const [after] = await db.knex('events').where({ user_id: user }).count({ n: '*' });
    expect(after).toEqual(before);
  });

  it('given a shutdown, then it stops between two tasks and says how to finish', async () => {
    const other = randomUUID();
    [tea, dentist, party] = [randomUUID(), randomUUID(), randomUUID()];
    let asked = 0;
    const job = await run(other, steps(), () => ++asked > 1);
    expect(job).toMatchObject({ status: 'failed', processed: 1, created: 1 });
    expect(job.report.at(-1)?.message).toMatch(/import the same file again to finish it/);
  });

  it("never shows one user's import to another", async () => {
    const job = await run(user, []);
    expect(await deps.jobs.get(randomUUID(), job.id)).toBeNull();
  });
});
