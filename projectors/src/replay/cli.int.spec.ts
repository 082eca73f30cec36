import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { taskCreatedEvent } from '@todo/contracts/testing';
import { runTasksProjection } from '../tasks/run-tasks-projection.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

/** `npm run replay -- …` as an operator runs it: its own process, its exit code. */
const replay = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['projectors/src/replay/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: db.connectionString },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

describe('the replay command', () => {
  it('exits 0 when the checksums match and 1 when a dry run finds them different', async () => {
    const store = new PostgresEventStore(db.knex);
    const live = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    const id = randomUUID();
    await store.append(id, 0, [taskCreatedEvent({ title: 'as written' })], {
      userId: randomUUID(),
      source: 'test',
      correlationId: 'c',
    });
    await live.caughtUp();
    await live.stop();

    expect(await replay('tasks', '--dry-run')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('checksums match'),
    });

    // A damaged read model: a dry run must say so in its exit code, for scripts and CI.
    await db.knex('tasks').where({ id }).update({ title: 'damaged' });
    expect(await replay('tasks', '--dry-run')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('CHECKSUMS DIFFER'),
    });
  });
});
