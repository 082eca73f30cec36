import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataExport, EXPORT_CSV_COLUMNS } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { parse } from 'csv-parse/sync';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { allTasks, fieldsOf, finished, postTodoist, storedCounts, todoistFixture } from './import-helpers.ts';

const NOW = '2026-12-01T10:00:00.000Z';

let t: TestSystem;
let ana: { token: string; userId: string };
let bo: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestSystem({ clock: fixedClock(NOW) });
  [ana, bo] = [await t.signup(), await t.signup()];
  await finished(t, ana.token, await postTodoist(t, ana.token, todoistFixture()));
  // One finished task, so that the export carries a completion too.
  const dentist = (await allTasks(t, ana.token)).find((task) => task.title === 'Book dentist')!;
  const done = await t.api(`/api/tasks/${dentist.id}/complete`, { method: 'POST', token: ana.token });
  expect(done.status).toBe(200);
});
afterAll(async () => t.stop());

const exportOf = async (token: string): Promise<DataExport> => {
  const res = await t.api('/api/export/json', { token });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="todo-export-2026-12-01.json"');
  return DataExport.parse(await res.json());
};

describe('exporting a user’s data', () => {
  it('gives every task with its whole history from the event store, in the versioned format', async () => {
    const data = await exportOf(ana.token);
    expect(data).toMatchObject({
      format: 'todo-system/export',
      version: 1,
      exportedAt: NOW,
      account: { id: ana.userId, timezone: 'UTC' },
    });
    expect(data.tasks).toHaveLength(54);
    const dentist = data.tasks.find((entry) => entry.task.title === 'Book dentist')!;
    expect(dentist.task.status).toBe('completed');
    expect(dentist.events.map((e) => e.type)).toEqual(['todo.task.created.v1', 'todo.task.completed.v1']);
    expect(dentist.events.map((e) => e.version)).toEqual([1, 2]);
    for (const entry of data.tasks) expect(entry.events.every((e) => e.taskId === entry.task.id)).toBe(true);
  });

  it('gives the tasks as RFC 4180 CSV with the documented columns', async () => {
    const res = await t.api('/api/export/csv', { token: ana.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text).toContain(',"Call mum, ask about Sunday",');
    const [head, ...rows] = parse(text) as string[][];
    expect(head).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(rows).toHaveLength(54);
    const passport = rows.find((row) => row[1] === 'Renew passport')!;
    expect(passport[2]).toBe(
      'Photos: two, 35x45 mm\n\nBring the old passport, it is "required" by the office',
    );
    const rent = rows.find((row) => row[1] === 'Pay rent')!;
    expect(rent.slice(3, 11)).toEqual([
      'open',
      'high',
      'bills home',
      '2026-11-30T23:00:00.000Z',
      'true',
      'Europe/Berlin',
      'FREQ=MONTHLY;BYMONTHDAY=1',
      'schedule',
    ]);
  });

  it("never shows another user's data", async () => {
    const empty = await exportOf(bo.token);
    expect(empty.tasks).toEqual([]);
    const csv = await (await t.api('/api/export/csv', { token: bo.token })).text();
    expect(csv).toBe(EXPORT_CSV_COLUMNS.join(',') + '\r\n');
    expect((await t.api('/api/export/json')).status).toBe(401);
  });
});

describe('importing our own export', () => {
  it('reproduces the tasks in a second account, and creates nothing twice', async () => {
    const data = await exportOf(ana.token);
    const job = await finished(
      t,
      bo.token,
      await t.api('/api/imports/export', { method: 'POST', token: bo.token, json: data }),
    );
    expect(job).toMatchObject({ source: 'todo-json', status: 'done', total: 54, created: 54 });
    const theirs = (await allTasks(t, bo.token)).map(fieldsOf);
    const mine = (await allTasks(t, ana.token)).map(fieldsOf);
    expect(theirs).toEqual(mine);
    const ids = new Set(data.tasks.map((entry) => entry.task.id));
    expect((await allTasks(t, bo.token)).some((task) => ids.has(task.id))).toBe(false);

    const again = await finished(
      t,
      bo.token,
      await t.api('/api/imports/export', { method: 'POST', token: bo.token, json: data }),
    );
    expect(again).toMatchObject({ created: 0, unchanged: 54 });
    expect(await allTasks(t, bo.token)).toHaveLength(54);
  });

  it('finds its own tasks when an account imports its own export', async () => {
    const data = await exportOf(ana.token);
    const job = await finished(
      t,
      ana.token,
      await t.api('/api/imports/export', { method: 'POST', token: ana.token, json: data }),
    );
    expect(job).toMatchObject({ created: 0, unchanged: 54 });
  });

  it('refuses a file of another format or version, and stores nothing', async () => {
    const cy = await t.signup();
    const before = await storedCounts(t, cy.userId);
    for (const json of [
      { format: 'other', version: 1, tasks: [] },
      { format: 'todo-system/export', version: 2, tasks: [] },
    ]) {
      const res = await t.api('/api/imports/export', { method: 'POST', token: cy.token, json });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toEqual([
        Object.keys(json)[json.format === 'other' ? 0 : 1],
      ]);
    }
    expect(await storedCounts(t, cy.userId)).toEqual(before);
  });
});
