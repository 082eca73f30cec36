import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { taskCreatedEvent } from '@todo/contracts/testing';
import { runTasksProjection } from './run-tasks-projection.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const created = taskCreatedEvent();

describe('tasks projection', () => {
  it('applies one batch touching more users than one NOTIFY payload can name', async () => {
    const store = new PostgresEventStore(db.knex);
    const users = Array.from({ length: 400 }, () => randomUUID());
    for (const userId of users) {
      await store.append(randomUUID(), 0, [created], { userId, source: 'test', correlationId: 'c' });
    }
    const projection = runTasksProjection(
      new PostgresEventLog(db.knex, db.connectionString, createLogger('silent')),
    );
    await projection.caughtUp();
    await projection.stop();
    const rows = await db.knex('tasks').count<{ count: string }[]>('* as count');
    expect(Number(rows[0]?.count)).toBe(400);
    const progress = await db.knex('projection_user_progress').where({ projection: 'tasks' });
    expect(progress).toHaveLength(400);
    expect(progress.every((p) => Number(p.applied) === 1)).toBe(true);
  });
});
