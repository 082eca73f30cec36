import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleTaskCommand } from '@todo/domain';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { startSagas, type RunningSagas } from '../index.ts';
import { IDLE_RECHECK_MS, PostgresScheduler } from '../scheduler/postgres-scheduler.ts';
import { manualTime } from '../testing/manual-time.ts';
import { firedEvents, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { reminderJobName } from './reminder-job.ts';

let db: TestDatabase;
let store: PostgresEventStore;
let sagas: RunningSagas;
const logger = createLogger('silent');
// The sagas run on manual time: "now" moves, and the timers' sleeps end, only when a test says.
const time = manualTime('2030-10-27T00:59:59.000Z');
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

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
    clock: time.clock,
    scheduler: new PostgresScheduler({
      knex: db.knex,
      connectionString: db.connectionString,
      logger,
      workers: 2,
      clock: time.clock,
      timers: time.timers,
    }),
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
    const due = plus(time.now(), 600);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await sagas.caughtUp();
    await time.asleepUntil(due);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
    time.advance(600);
    await until(async () => (await firedEvents(db.knex, [taskId])).length === 1);
    const [first] = await firedEvents(db.knex, [taskId]);
    expect(first!.scheduled_for).toBe(due.toISOString());
    expect(first!.fired_at).toBe(due.toISOString());

    const snoozedUntil = plus(time.now(), 400);
    await handleTaskCommand(
      store,
      { type: 'SnoozeReminder', taskId, reminderId: 'r0', snoozedUntil: snoozedUntil.toISOString() },
      ctx(user),
    );
    await sagas.caughtUp();
    await time.asleepUntil(snoozedUntil);
    time.advance(400);
    await until(async () => (await firedEvents(db.knex, [taskId])).length === 2);
    // Nothing is left to fire: the timer loop looked again and sleeps until its recheck.
    await time.asleepUntil(plus(snoozedUntil, IDLE_RECHECK_MS));
    expect(await jobs(taskId)).toHaveLength(0);
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired.map((f) => [f.scheduled_for, f.fired_at])).toEqual([
      [due.toISOString(), due.toISOString()],
      [snoozedUntil.toISOString(), snoozedUntil.toISOString()],
    ]);
  });

  it('reschedules when the reminder moves, and cancels on completion', async () => {
    const user = randomUUID();
    const far = plus(time.now(), 60 * 60_000);
    const { taskId } = await taskWithReminders(store, user, [far, far]);
    await sagas.caughtUp();
    expect(await jobs(taskId)).toHaveLength(2);
    const moved = plus(time.now(), 2 * 60 * 60_000);
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
      { type: 'CompleteTask', taskId, completedAt: time.now().toISOString() },
      ctx(user),
    );
    await sagas.caughtUp();
    expect(await jobs(taskId)).toHaveLength(0);
  });

  it('plans the tasks begun in a batch from the batch and the older ones from their streams', async () => {
    const user = randomUUID();
    const far = plus(time.now(), 60 * 60_000);
    const moved = plus(time.now(), 2 * 60 * 60_000);
    const older = await taskWithReminders(store, user, [far]);
    await sagas.caughtUp();
    const moveTo = (taskId: string, reminderId: string) =>
      handleTaskCommand(
        store,
        { type: 'UpdateTask', taskId, changes: { reminders: [{ id: reminderId, at: moved.toISOString() }] } },
        ctx(user),
      );
    // Written close together, so that they usually reach the saga in one batch: a change to a
    // task of an earlier batch, a new task, and a new task changed right away.
    const [fresh, changed] = await Promise.all([
      taskWithReminders(store, user, [far]),
      taskWithReminders(store, user, [far, far]),
      moveTo(older.taskId, 'r0'),
    ]);
    await moveTo(changed.taskId, 'r1');
    await sagas.caughtUp();
    const due = async (taskId: string) =>
      (await jobs(taskId)).map((j) => [j.name, new Date(j.due_at).toISOString()]);
    expect(await due(older.taskId)).toEqual([[reminderJobName(older.taskId, 'r0'), moved.toISOString()]]);
    expect(await due(fresh.taskId)).toEqual([[reminderJobName(fresh.taskId, 'r0'), far.toISOString()]]);
    expect(await due(changed.taskId)).toEqual([[reminderJobName(changed.taskId, 'r1'), moved.toISOString()]]);
  });

  it('does not fire a reminder of a task deleted before its instant', async () => {
    const user = randomUUID();
    const { taskId } = await taskWithReminders(store, user, [plus(time.now(), 500)]);
    await handleTaskCommand(store, { type: 'DeleteTask', taskId }, ctx(user));
    await sagas.caughtUp();
    time.advance(900);
    time.wakeEarly();
    // Both loops have looked at the table after the instant and found nothing to fire.
    await time.asleepUntil(plus(time.now(), IDLE_RECHECK_MS), 2);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
  });
});
