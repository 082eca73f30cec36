import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleTaskCommand } from '@todo/command-api/tasks/handle-command.ts';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing/test-database.ts';
import { startSagas, type RunningSagas } from '../index.ts';
import { firedEvents, sleep, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { reminderJobName } from './reminder-job.ts';

let db: TestDatabase;
let store: PostgresEventStore;
let sagas: RunningSagas;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  const eventLog = new PostgresEventLog(db.knex, db.connectionString, logger);
  sagas = await startSagas({
    knex: db.knex,
    connectionString: db.connectionString,
    eventLog,
    eventStore: store,
    logger,
  });
});
afterAll(async () => {
  await sagas.stop();
  await db.drop();
});

const ctx = (userId: string) => ({ userId, correlationId: randomUUID(), source: 'test' });
const jobs = (taskId: string) =>
  db.knex('scheduled_jobs').where('name', 'like', `reminder_${taskId}_%`).select('name', 'due_at');

describe('reminder saga (in-process, PostgreSQL timers)', () => {
  it('given a task with a reminder, fires it at its instant into the task’s history; a snooze fires it again', async () => {
    const user = randomUUID();
    const due = new Date(Date.now() + 600);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await until(async () => (await firedEvents(db.knex, [taskId])).length === 1);
    const [first] = await firedEvents(db.knex, [taskId]);
    expect(first!.scheduled_for).toBe(due.toISOString());
    expect(new Date(first!.fired_at).getTime()).toBeGreaterThanOrEqual(due.getTime());

    const snoozedUntil = new Date(Date.now() + 400).toISOString();
    await handleTaskCommand(
      store,
      { type: 'SnoozeReminder', taskId, reminderId: 'r0', snoozedUntil },
      ctx(user),
    );
    await until(async () => (await firedEvents(db.knex, [taskId])).length === 2);
    await sleep(300);
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired.map((f) => f.scheduled_for)).toEqual([due.toISOString(), snoozedUntil]);
  });

  it('reschedules when the reminder moves, and cancels on completion', async () => {
    const user = randomUUID();
    const far = new Date(Date.now() + 60 * 60_000);
    const { taskId } = await taskWithReminders(store, user, [far, far]);
    await sagas.caughtUp();
    expect(await jobs(taskId)).toHaveLength(2);
    const moved = new Date(Date.now() + 2 * 60 * 60_000);
    await handleTaskCommand(
      store,
      {
        type: 'UpdateTask',
        taskId,
        changes: { reminders: [{ id: 'r0', at: moved.toISOString() }] },
      },
      ctx(user),
    );
    await sagas.caughtUp();
    const after = await jobs(taskId);
    expect(after.map((j) => [j.name, new Date(j.due_at).toISOString()])).toEqual([
      [reminderJobName(taskId, 'r0'), moved.toISOString()],
    ]);
    await handleTaskCommand(
      store,
      { type: 'CompleteTask', taskId, completedAt: new Date().toISOString() },
      ctx(user),
    );
    await sagas.caughtUp();
    expect(await jobs(taskId)).toHaveLength(0);
  });

  it('does not fire a reminder of a task deleted before its instant', async () => {
    const user = randomUUID();
    const { taskId } = await taskWithReminders(store, user, [new Date(Date.now() + 500)]);
    await handleTaskCommand(store, { type: 'DeleteTask', taskId }, ctx(user));
    await sleep(900);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
  });
});
