import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing/test-database.ts';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { reminderJobName, type ReminderJobData } from '../reminders/reminder-job.ts';
import { firedEvents, sleep, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { PostgresScheduler } from './postgres-scheduler.ts';
import type { JobSpec } from './scheduler.ts';

let db: TestDatabase;
let store: PostgresEventStore;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
});
afterAll(async () => db.drop());

const newScheduler = (workers = 2) =>
  new PostgresScheduler({ knex: db.knex, connectionString: db.connectionString, logger, workers });

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
  it('fires a job at its instant, never before it, and once', async () => {
    const user = randomUUID();
    const due = new Date(Date.now() + 400);
    const { taskId } = await taskWithReminders(store, user, [due]);
    const scheduler = newScheduler();
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    await scheduler.schedule(reminderJob(taskId, user, 'r0', due));
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await sleep(200);
    await scheduler.stop();
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired).toHaveLength(1);
    expect(new Date(fired[0]!.fired_at).getTime()).toBeGreaterThanOrEqual(due.getTime());
    expect(fired[0]!.late).toBe(false);
  });

  it('reschedules by name (the old instant never fires) and cancels', async () => {
    const user = randomUUID();
    const first = new Date(Date.now() + 300);
    const later = new Date(Date.now() + 700);
    const { taskId } = await taskWithReminders(store, user, [first, first]);
    const scheduler = newScheduler();
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    await scheduler.schedule(reminderJob(taskId, user, 'r0', first));
    await scheduler.schedule(reminderJob(taskId, user, 'r0', later));
    await scheduler.schedule(reminderJob(taskId, user, 'r1', first));
    await scheduler.cancel(reminderJobName(taskId, 'r1'));
    await sleep(1100);
    await scheduler.stop();
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired.map((f) => [f.reminder_id, f.scheduled_for])).toEqual([['r0', later.toISOString()]]);
  });

  it('given a reminder that fell due while nothing ran, fires it right after start, marked late', async () => {
    const user = randomUUID();
    const past = new Date(Date.now() - 5000);
    const { taskId } = await taskWithReminders(store, user, [past]);
    await newScheduler().schedule(reminderJob(taskId, user, 'r0', past));
    const startedAt = Date.now();
    const scheduler = newScheduler();
    await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await scheduler.stop();
    const [fired] = await firedEvents(db.knex, [taskId]);
    expect(fired!.late).toBe(true);
    expect(new Date(fired!.fired_at).getTime() - startedAt).toBeLessThan(1000);
  });

  it('given the firing instance dies mid-firing (its connection is cut before commit), fires once after restart', async () => {
    const user = randomUUID();
    const due = new Date(Date.now() + 200);
    const { taskId } = await taskWithReminders(store, user, [due]);
    const fire = fireReminderHandler({ eventStore: store, logger });
    let firingPid = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // The first instance appends the fired event in its transaction, then stalls before
    // commit; cutting its database connection is what the process dying does to it.
    const dying = newScheduler(1);
    let calls = 0;
    await dying.start(async (job, ctx) => {
      if (++calls > 1) throw new Error('this instance is dead');
      await fire(job, ctx);
      const trx = ctx.transaction as { raw(sql: string): Promise<{ rows: { pid: number }[] }> };
      firingPid = (await trx.raw('select pg_backend_pid() as pid')).rows[0]!.pid;
      await released;
    });
    await dying.schedule(reminderJob(taskId, user, 'r0', due));
    await until(async () => firingPid !== 0);
    await db.knex.raw('select pg_terminate_backend(?)', [firingPid]);
    const stopped = dying.stop();
    release();
    await stopped;
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);

    const restarted = newScheduler();
    await restarted.start(fire);
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await sleep(300);
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

  it('given two scheduler instances, each of 200 reminders fires exactly once', async () => {
    const user = randomUUID();
    const base = Date.now() + 800;
    const tasks = await Promise.all(
      Array.from({ length: 50 }, (_, t) =>
        taskWithReminders(
          store,
          user,
          Array.from({ length: 4 }, (_, r) => new Date(base + ((t * 4 + r) % 40) * 10)),
        ),
      ),
    );
    const a = newScheduler();
    const b = newScheduler();
    const fire = fireReminderHandler({ eventStore: store, logger });
    await Promise.all([a.start(fire), b.start(fire)]);
    for (const [t, task] of tasks.entries()) {
      for (const [r, id] of task.reminderIds.entries()) {
        await (r % 2 ? a : b).schedule(
          reminderJob(task.taskId, user, id, new Date(base + ((t * 4 + r) % 40) * 10)),
        );
      }
    }
    const taskIds = tasks.map((t) => t.taskId);
    await until(async () => (await firedEvents(db.knex, taskIds)).length >= 200);
    await sleep(300);
    await Promise.all([a.stop(), b.stop()]);
    const fired = await firedEvents(db.knex, taskIds);
    expect(fired).toHaveLength(200);
    expect(new Set(fired.map((f) => `${f.stream_id}/${f.reminder_id}`)).size).toBe(200);
    for (const f of fired)
      expect(new Date(f.fired_at).getTime()).toBeGreaterThanOrEqual(new Date(f.scheduled_for).getTime());
  });
});
