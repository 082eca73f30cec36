import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem, TaskView } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { allTasks, finished, postTodoist, storedCounts, todoistFixture } from './import-helpers.ts';

// Tuesday 1 December 2026, 10:00 UTC: "tomorrow" and "every monday" are read against it.
const NOW = '2026-12-01T10:00:00.000Z';

let t: TestSystem;
let ana: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(NOW) });
  ana = await t.signup();
});
afterAll(async () => t.stop());

const byTitle = (tasks: TaskView[], title: string) => tasks.filter((task) => task.title === title);
const one = (tasks: TaskView[], title: string) => {
  const found = byTitle(tasks, title);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('importing a Todoist CSV export', () => {
  it('creates its tasks with their dates, rules, priorities and labels, and reports what it could not use', async () => {
    const job = await finished(t, ana.token, await postTodoist(t, ana.token, todoistFixture()));
    expect(job).toMatchObject({
      source: 'todoist-csv',
      status: 'done',
      total: 55,
      processed: 55,
      created: 54,
      unchanged: 0,
    });
    const tasks = await allTasks(t, ana.token);
    expect(tasks).toHaveLength(54);

    expect(one(tasks, 'Pay rent')).toMatchObject({
      description: "Transfer to the landlord's account",
      priority: 'high',
      tags: ['bills', 'home'],
      timezone: 'Europe/Berlin',
      dueAt: '2026-11-30T23:00:00.000Z',
      allDay: true,
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
      status: 'open',
    });
    expect(one(tasks, 'Stand-up meeting')).toMatchObject({
      priority: 'medium',
      dueAt: '2026-12-02T08:30:00.000Z',
      allDay: false,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', anchor: 'schedule' },
    });
    expect(one(tasks, 'Backup the laptop').recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;INTERVAL=2',
      anchor: 'completion',
    });
    expect(one(tasks, 'Take out the bins')).toMatchObject({
      priority: 'low',
      dueAt: '2026-12-07T00:00:00.000Z',
    });
    expect(one(tasks, 'Call mum, ask about Sunday')).toMatchObject({
      timezone: 'Europe/Lisbon',
      dueAt: '2026-12-06T18:00:00.000Z',
    });
    expect(one(tasks, 'Book dentist')).toMatchObject({
      dueAt: '2026-12-10T14:30:00.000Z',
      allDay: false,
      recurrence: null,
    });
    expect(one(tasks, 'Send the report')).toMatchObject({
      tags: ['work', 'urgent'],
      dueAt: '2026-12-02T16:00:00.000Z',
    });
    // Notes are the task's comments: they follow its description.
    expect(one(tasks, 'Renew passport').description).toBe(
      'Photos: two, 35x45 mm\n\nBring the old passport, it is "required" by the office',
    );
    expect(one(tasks, 'Prepare the offsite').description).toBe(
      'Agenda draft is in the shared folder\n\nAsk Rui about the budget',
    );
    expect(one(tasks, 'Plan holidays').description).toBe('Where to?\nMaybe the coast.');
    // Two identical rows are two tasks.
    expect(byTitle(tasks, 'Buy milk')).toHaveLength(2);
    expect(byTitle(tasks, 'Buy milk')[0]).toMatchObject({
      tags: ['errands'],
      dueAt: '2026-12-02T00:00:00.000Z',
      allDay: true,
    });
    expect(one(tasks, 'Repaint the hallway')).toMatchObject({ dueAt: null, tags: ['home'] });
    expect(one(tasks, 'Sort old photos').priority).toBe('none');

    const reported = job.report.map((line) => `${line.row} ${line.column} ${line.outcome}`);
    expect(reported).toEqual(
      expect.arrayContaining([
        '41 TYPE partly', // section "Work"
        '65 TYPE skipped', // a note under a section, with no task
        '69 DATE partly', // "sometime soon"
        '71 DATE partly', // German
        '73 PRIORITY partly', // 7
        '75 TIMEZONE partly', // Mars/Olympus
        '77 CONTENT skipped', // labels only, no title
        '79 TYPE skipped', // "board"
        '81 DATE partly', // every feb 30: never occurs
        '14 DEADLINE partly',
      ]),
    );
    expect(job.report.find((line) => line.row === 71)!.message).toMatch(/jeden Montag.*DATE_LANG is de/);
  });

  it('creates nothing twice when the same file is imported again', async () => {
    const before = await allTasks(t, ana.token);
    const job = await finished(t, ana.token, await postTodoist(t, ana.token, todoistFixture()));
    expect(job).toMatchObject({ status: 'done', total: 55, created: 0, unchanged: 54 });
    const after = await allTasks(t, ana.token);
    expect(after.map((task) => [task.id, task.version])).toEqual(
      before.map((task) => [task.id, task.version]),
    );
  });

  it('advertises only the methods each import route has (the job lives apart from the uploads)', async () => {
    for (const path of ['/api/imports/todoist', '/api/imports/export']) {
      const res = await t.api(path, { method: 'OPTIONS', token: ana.token });
      expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST']);
    }
  });

  it("shows an import's progress only to its user", async () => {
    const started = await postTodoist(t, ana.token, todoistFixture());
    const bea = await t.signup();
    const location = started.headers.get('location')!;
    expect((await t.api(location, { token: bea.token })).status).toBe(404);
    await finished(t, ana.token, started);
  });
});

describe('a Todoist file that cannot be read is refused, and nothing is stored', () => {
  const header =
    'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG\n';
  let bad: { token: string; userId: string };
  beforeAll(async () => {
    bad = await t.signup();
  });

  const refused = async (body: Uint8Array | string, status: number, detail: RegExp, contentType?: string) => {
    const before = await storedCounts(t, bad.userId);
    const res = await postTodoist(t, bad.token, body, contentType);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toMatch(detail);
    expect(problem.errors?.[0]?.field).toMatch(/^(body|Content-Type)$/);
    expect(await storedCounts(t, bad.userId)).toEqual(before);
  };

  it('refuses a UTF-16 file (415, line 1)', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(header + 'task,Hi,,1,1,,,,,,,,,\n', 'utf16le'),
    ]);
    await refused(utf16, 415, /^line 1: .*UTF-16/);
  });

  it('refuses bytes that are not UTF-8, naming their line (415)', async () => {
    const latin1 = Buffer.from(header + 'task,Tea,,1,1,,,,,,,,,\ntask,Caf\xe9,,1,1,,,,,,,,,\n', 'latin1');
    await refused(latin1, 415, /^line 3: .*not UTF-8/);
  });

  it('refuses a charset other than UTF-8 (415)', async () => {
    await refused(header + 'task,Tea,,1,1,,,,,,,,,\n', 415, /charset=latin1/, 'text/csv; charset=latin1');
  });

  it('refuses broken quoting, naming the line (400)', async () => {
    await refused(
      header + 'task,Tea,,1,1,,,,,,,,,\ntask,"Unclosed,,1,1,,,,,,,,,\n',
      400,
      /^line 3: a quoted field is never closed/,
    );
    await refused(header + 'task,"Tea" time,,1,1,,,,,,,,,\n', 400, /^line 2: a closing quote/);
  });

  it("refuses a file without Todoist's header (400)", async () => {
    await refused('title,due\nTea,tomorrow\n', 400, /^line 1: the first line must be Todoist's header/);
  });

  it('refuses an oversized file (413)', async () => {
    const rows = 'task,Water the plants @home,,1,1,,,every day,en,,,,,\n'.repeat(50_000);
    await refused(header + rows, 413, /larger than|too large|body/i);
  });

  it('refuses more rows than an import takes (413)', async () => {
    await refused(header + 'task,Tea,,1,1,,,,,,,,,\n'.repeat(5001), 413, /at most 5000 rows/);
  });
});
