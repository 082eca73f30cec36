import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { reminderJobName, type ReminderJobData } from '../reminders/reminder-job.ts';
import { manualTime, type ManualTime } from '../testing/manual-time.ts';
import { firedEvents, sleep, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { IDLE_RECHECK_MS, PostgresScheduler } from './postgres-scheduler.ts';
import type { JobSpec } from './scheduler.ts';

let db: TestDatabase;
let store: PostgresEventStore;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => db.drop());

/**
 * An instance on manual time when given one (the test moves "now" and decides when a sleep
 * ends), else on the real clock (only where a child process fires, see the SIGKILL test).
 */
const newScheduler = (workers = 2, time?: ManualTime) =>
  new PostgresScheduler({
    knex: db.knex,
    connectionString: db.connectionString,
    logger,
    workers,
    ...(time && { clock: time.clock, timers: time.timers }),
  });
/** A pinned "now": the last second before the clocks go forward in Europe. */
const START = '2030-03-31T00:59:59.000Z';
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
const jobsOf = (taskId: string) => db.knex('scheduled_jobs').where('name', 'like', `reminder_${taskId}_%`);

function reminderJob(taskId: string, userId: string, reminderId: string, at: Date): JobSpec {
  const data: ReminderJobData = {
    kind: 'reminder',
    taskId,
    userId,
    reminderId,
    scheduledFor: at.toISOString(),
  };
  return { name: reminderJobName(taskId, reminderId), dueAt: at, data };
}

describe('PostgreSQL durable timers', () => {
  it('fires a job at its instant, never before it (not even when woken early), and once', async () => {
    const time = manualTime(START);
    const user = randomUUID();
    const due = plus(time.now(), 10_000);
    const { taskId } = await taskWithReminders(store, user, [due]);
    const scheduler = newScheduler(2, time);
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    // Both loops found nothing to do and sleep until the safety-net recheck.
    await time.asleepUntil(plus(time.now(), IDLE_RECHECK_MS), 2);
    await scheduler.schedule(reminderJob(taskId, user, 'r0', due));
    // The new, earlier job re-armed the sleeping timer for its instant.
    await time.asleepUntil(due);
    time.advance(9_990);
    time.wakeEarly();
    // Woken 10 ms before the instant, it looked, fired nothing and went back to sleep until it.
    await time.asleepUntil(due);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
    time.advance(10);
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    // It looked again after firing and found nothing left to fire.
    await time.asleepUntil(plus(due, IDLE_RECHECK_MS));
    await scheduler.stop();
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.fired_at).toBe(due.toISOString());
    expect(fired[0]!.late).toBe(false);
    expect(await jobsOf(taskId)).toHaveLength(0);
  });

  it('reschedules by name (the old instant never fires) and cancels', async () => {
    const time = manualTime(START);
    const user = randomUUID();
    const first = plus(time.now(), 10_000);
    const later = plus(time.now(), 20_000);
    const { taskId } = await taskWithReminders(store, user, [first, first]);
    const scheduler = newScheduler(2, time);
    // Scheduled before start, so the first look at the table sees all four writes.
    await scheduler.schedule(reminderJob(taskId, user, 'r0', first));
    await scheduler.schedule(reminderJob(taskId, user, 'r0', later));
    await scheduler.schedule(reminderJob(taskId, user, 'r1', first));
    await scheduler.cancel(reminderJobName(taskId, 'r1'));
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    await time.asleepUntil(later);
    time.advance(10_000);
    time.wakeEarly();
    // At the old instant it looks and finds nothing due.
    await time.asleepUntil(later);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
    time.advance(10_000);
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await time.asleepUntil(plus(later, IDLE_RECHECK_MS));
    await scheduler.stop();
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired.map((f) => [f.reminder_id, f.scheduled_for, f.fired_at])).toEqual([
      ['r0', later.toISOString(), later.toISOString()],
    ]);
  });

  it('given a reminder that fell due while nothing ran, fires it right at start, marked late', async () => {
    const time = manualTime(START);
    const user = randomUUID();
    const past = plus(time.now(), -5000);
    const { taskId } = await taskWithReminders(store, user, [past]);
    await newScheduler(2, time).schedule(reminderJob(taskId, user, 'r0', past));
    const scheduler = newScheduler(2, time);
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    // Time stands still: no timer can go off, so only the look at start can fire it.
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await scheduler.stop();
    const [fired] = await firedEvents(db.knex, [taskId]);
    expect(fired!.late).toBe(true);
    expect(fired!.fired_at).toBe(START);
  });

  it('given the firing instance dies mid-firing (its connection is cut before commit), fires once after restart', async () => {
    const time = manualTime(START);
    const user = randomUUID();
    const due = plus(time.now(), 1000);
    const { taskId } = await taskWithReminders(store, user, [due]);
    const fire = fireReminderHandler({ eventStore: store, logger });
    let firingPid = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // The first instance appends the fired event in its transaction, then stalls before
    // commit; cutting its database connection is what the process dying does to it.
    const dying = newScheduler(1, time);
    let calls = 0;
    await dying.start(async (job, ctx) => {
      if (++calls > 1) throw new Error('this instance is dead');
      await fire(job, ctx);
      const trx = ctx.transaction as { raw(sql: string): Promise<{ rows: { pid: number }[] }> };
      firingPid = (await trx.raw('select pg_backend_pid() as pid')).rows[0]!.pid;
      await released;
    });
    await dying.schedule(reminderJob(taskId, user, 'r0', due));
    time.advance(1000);
    await until(async () => firingPid !== 0);
    await db.knex.raw('select pg_terminate_backend(?)', [firingPid]);
    const stopped = dying.stop();
    release();
    await stopped;
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);

    const restarted = newScheduler(2, time);
    await restarted.start(fire);
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    // stop() waits for any firing in progress, so a second one would show below.
    await restarted.stop();
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(1);
    expect(await db.knex('scheduled_jobs').where({ name: reminderJobName(taskId, 'r0') })).toHaveLength(0);
  });

  it('given the firing process is killed (SIGKILL) before its commit, the reminder fires once after restart', async () => {
    const user = randomUUID();
    const due = new Date(Date.now() + 300);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await newScheduler().schedule(reminderJob(taskId, user, 'r0', due));
    const script = fileURLToPath(new URL('../testing/stalling-scheduler-process.ts', import.meta.url));
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, TEST_DB_URL: db.connectionString },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('FIRING') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await exited;
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);

    const restarted = newScheduler();
    await restarted.start(fireReminderHandler({ eventStore: store, logger }));
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await sleep(300);
    await restarted.stop();
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(1);
  });

  it('given two scheduler instances, each of 200 reminders fires exactly once, at its instant', async () => {
    const time = manualTime(START);
    const user = randomUUID();
    const base = plus(time.now(), 1000);
    // 200 reminders on 40 instants, 10 ms apart: five per instant, spread over 50 tasks.
    const slot = (t: number, r: number) => (t * 4 + r) % 40;
    const tasks = await Promise.all(
      Array.from({ length: 50 }, (_, t) =>
        taskWithReminders(
          store,
          user,
          Array.from({ length: 4 }, (_, r) => plus(base, slot(t, r) * 10)),
        ),
      ),
    );
    const a = newScheduler(2, time);
    const b = newScheduler(2, time);
    const fire = fireReminderHandler({ eventStore: store, logger });
    await Promise.all([a.start(fire), b.start(fire)]);
    for (const [t, task] of tasks.entries()) {
      for (const [r, id] of task.reminderIds.entries()) {
        await (r % 2 ? a : b).schedule(reminderJob(task.taskId, user, id, plus(base, slot(t, r) * 10)));
      }
    }
    // Each instance's timer loop is armed for the first instant (the other's schedules
    // reached it by NOTIFY).
    await time.asleepUntil(base, 2);
    const taskIds = tasks.map((t) => t.taskId);
    // Step through the instants; before the next step, everything due by now has fired.
    time.advance(1000);
    for (let step = 0; step < 40; step++) {
      if (step > 0) time.advance(10);
      await until(async () => (await firedEvents(db.knex, taskIds)).length >= 5 * (step + 1));
    }
    const names = tasks.flatMap((t) => t.reminderIds.map((id) => reminderJobName(t.taskId, id)));
    await until(async () => (await db.knex('scheduled_jobs').whereIn('name', names)).length === 0);
    await Promise.all([a.stop(), b.stop()]);
    const fired = await firedEvents(db.knex, taskIds);
    expect(fired).toHaveLength(200);
    expect(new Set(fired.map((f) => `${f.stream_id}/${f.reminder_id}`)).size).toBe(200);
    for (const f of fired) expect(f.fired_at).toBe(f.scheduled_for);
  });
});
