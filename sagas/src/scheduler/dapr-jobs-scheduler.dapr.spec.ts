import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventStore } from '@todo/platform';
import {
  createTestDatabase,
  restartScheduler,
  saveTestDaprInfo,
  startDaprTestApp,
  stopScheduler,
  testDaprInfo,
  type DaprTestApp,
  type TestDatabase,
} from '@todo/platform/testing';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { reminderJobName, type ReminderJobData } from '../reminders/reminder-job.ts';
import { JobCallbackLog, jobName } from '../testing/job-callback-log.ts';
import { firedEvents, sleep, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { daprJobCallbackRoute } from './dapr-job-callback-route.ts';
import { DaprJobsScheduler } from './dapr-jobs-scheduler.ts';

// The adapter against the real Dapr scheduler (embedded etcd) through a real daprd sidecar:
// the sidecar calls the app back at POST /job/<name> when the scheduler triggers the job.
// The scheduler keeps time by the machine's clock, so "on time" is checked against it: a
// callback must never be answered before the due instant (see JobCallbackLog for why the
// arrival may be a little early). Waits are bounded liveness waits.
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let db: TestDatabase;
let store: PostgresEventStore;
let scheduler: DaprJobsScheduler;
let dapr: DaprTestApp;
/** Every callback the sidecar made, by job name. */
const log = new JobCallbackLog();
/** Job names whose callback answers 500 until it has been called this many times. */
const failFirst = new Map<string, number>();

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  dapr = await startDaprTestApp({
    appId: `jobs-${randomUUID().slice(0, 8)}`,
    scheduler: true,
    register: async (app) => {
      log.register(app);
      app.addHook('preHandler', async (request, reply) => {
        // The sidecar calls one job again only after its last call was answered.
        const name = jobName(request.url);
        if (name && log.of(name).length < (failFirst.get(name) ?? 0)) {
          return reply.code(500).send({ error: 'app not ready (test)' });
        }
      });
      // The route exists before the sidecar starts; the adapter needs the sidecar's URL.
      await daprJobCallbackRoute(app, {
        scheduler: { handleCallback: (name, body) => scheduler.handleCallback(name, body) },
      });
    },
  });
  scheduler = new DaprJobsScheduler({ daprHttpUrl: dapr.sidecar.httpUrl, knex: db.knex, logger });
  await scheduler.start(fireReminderHandler({ eventStore: store, logger }));
});
afterAll(async () => {
  await scheduler?.stop();
  await dapr?.stop();
  await db?.drop();
});

async function reminder(dueInMs: number) {
  const user = randomUUID();
  const dueAt = new Date(Date.now() + dueInMs);
  const { taskId } = await taskWithReminders(store, user, [dueAt]);
  const data: ReminderJobData = {
    kind: 'reminder',
    taskId,
    userId: user,
    reminderId: 'r0',
    scheduledFor: dueAt.toISOString(),
  };
  return { taskId, job: { name: reminderJobName(taskId, 'r0'), dueAt, data } };
}

/** When each callback of a job was answered, in order. */
const callbacks = (name: string) => log.of(name).map((call) => call.answeredAt);
const firedOnce = async (taskId: string) => (await firedEvents(db.knex, [taskId])).length === 1;

/** A later job that fires: once it has, every earlier due instant has passed for the scheduler. */
async function sentinelFired(afterMs: number): Promise<void> {
  const { taskId, job } = await reminder(afterMs);
  await scheduler.schedule(job);
  await until(() => firedOnce(taskId), 60_000);
}

describe('Dapr Jobs scheduler adapter (real daprd and Dapr scheduler 1.16)', () => {
  it('calls the app back at /job/<name> once, answered never before the due instant, and the reminder fires', async () => {
    const { taskId, job } = await reminder(1500);
    await scheduler.schedule(job);
    await until(() => firedOnce(taskId), 60_000);
    await sentinelFired(500);
    expect(callbacks(job.name)).toHaveLength(1);
    expect(callbacks(job.name)[0]!).toBeGreaterThanOrEqual(job.dueAt.getTime());
    const [fired] = await firedEvents(db.knex, [taskId]);
    expect(fired!.scheduled_for).toBe(job.dueAt.toISOString());
    // The firing's own time, by the app's clock: never before the reminder's instant.
    expect(new Date(fired!.fired_at).getTime()).toBeGreaterThanOrEqual(job.dueAt.getTime());
  });

  it('cancels: a cancelled job is never called back (and cancelling it again is fine)', async () => {
    const { taskId, job } = await reminder(1000);
    await scheduler.schedule(job);
    await scheduler.cancel(job.name);
    await scheduler.cancel(job.name);
    await sentinelFired(2000);
    expect(callbacks(job.name)).toHaveLength(0);
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
  });

  it('reschedules by name: only the new instant is called back, once', async () => {
    const { taskId, job } = await reminder(1000);
    await scheduler.schedule(job);
    const later = new Date(job.dueAt.getTime() + 2000);
    await scheduler.schedule({
      ...job,
      dueAt: later,
      data: { ...job.data, scheduledFor: later.toISOString() },
    });
    await until(() => firedOnce(taskId), 60_000);
    await sentinelFired(500);
    expect(callbacks(job.name)).toHaveLength(1);
    expect(callbacks(job.name)[0]!).toBeGreaterThanOrEqual(later.getTime());
    const [fired] = await firedEvents(db.knex, [taskId]);
    expect(fired!.scheduled_for).toBe(later.toISOString());
  });

  it("retries a failing callback until the app handles it (more often than Dapr's default of 3)", async () => {
    const { taskId, job } = await reminder(500);
    failFirst.set(job.name, 5);
    await scheduler.schedule(job);
    // The log records a call once its answer is sent, which is after the firing committed.
    await until(async () => (await firedOnce(taskId)) && log.of(job.name).at(-1)?.status === 200, 60_000);
    expect(callbacks(job.name)).toHaveLength(6);
  });

  it('survives a restart of the scheduler: a job due during the outage and one due after fire once each', async () => {
    const during = await reminder(1000);
    const after = await reminder(4000);
    await scheduler.schedule(during.job);
    await scheduler.schedule(after.job);
    const info = testDaprInfo();
    await stopScheduler(info.scheduler);
    // The outage outlasts the first due instant.
    await sleep(Math.max(0, during.job.dueAt.getTime() - Date.now()) + 500);
    const restarted = await restartScheduler(info.scheduler);
    saveTestDaprInfo({ ...info, scheduler: restarted });
    await until(async () => (await firedOnce(during.taskId)) && (await firedOnce(after.taskId)), 90_000);
    await sentinelFired(500);
    for (const { taskId, job } of [during, after]) {
      // At least once: after a restart the sidecar was seen calling one job back twice,
      // 40 ms apart. The firing is idempotent, so the reminder is in the log once.
      expect(callbacks(job.name).length).toBeGreaterThanOrEqual(1);
      for (const at of callbacks(job.name)) expect(at).toBeGreaterThanOrEqual(job.dueAt.getTime());
      expect(await firedEvents(db.knex, [taskId])).toHaveLength(1);
    }
  });
});
