import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKnex, createLogger, PostgresEventStore, type Knex } from '@todo/platform';
import {
  createTestDatabase,
  startDaprTestApp,
  type DaprTestApp,
  type TestDatabase,
} from '@todo/platform/testing';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { reminderJobName, type ReminderJobData } from '../reminders/reminder-job.ts';
import { JobCallbackLog } from '../testing/job-callback-log.ts';
import { firedEvents, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { daprJobCallbackRoute } from './dapr-job-callback-route.ts';
import { DaprJobsScheduler } from './dapr-jobs-scheduler.ts';

// Many reminders due close together on the real Dapr scheduler, as the busy benchmark has
// them: several reminders per task and several tasks per user, so firings of one task and of
// one user arrive side by side. The sagas service's pool (6 connections) is the app's. Every
// reminder must fire once (in the log once, its callback answered), none before its instant.
// No timed assertion: the wait for the last firing is a liveness bound only.
const USERS = 10;
const TASKS_PER_USER = 10;
const REMINDERS_PER_TASK = 10;
const JOBS = USERS * TASKS_PER_USER * REMINDERS_PER_TASK;
const SPREAD_MS = 10_000;
const SERVICE_POOL = 6;

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let db: TestDatabase;
let knex: Knex;
let scheduler: DaprJobsScheduler;
let dapr: DaprTestApp;
/** Every callback the sidecar made, by job name. */
const log = new JobCallbackLog();

beforeAll(async () => {
  db = await createTestDatabase();
  knex = createKnex(db.connectionString, SERVICE_POOL);
  dapr = await startDaprTestApp({
    appId: `jobs-busy-${randomUUID().slice(0, 8)}`,
    scheduler: true,
    register: async (app) => {
      log.register(app);
      await daprJobCallbackRoute(app, {
        scheduler: { handleCallback: (name, body) => scheduler.handleCallback(name, body) },
      });
    },
  });
  scheduler = new DaprJobsScheduler({ daprHttpUrl: dapr.sidecar.httpUrl, knex, logger });
  await scheduler.start(fireReminderHandler({ eventStore: new PostgresEventStore(knex), logger }));
});
afterAll(async () => {
  await scheduler?.stop();
  await dapr?.stop();
  await knex?.destroy();
  await db?.drop();
});

describe('Dapr Jobs scheduler under a burst (real daprd and Dapr scheduler 1.16)', () => {
  it(`fires each of ${JOBS} reminders due within ${SPREAD_MS / 1000} s once, none before its instant`, async () => {
    const store = new PostgresEventStore(db.knex);
    const jobs: Array<{ taskId: string; name: string; dueAt: Date; data: ReminderJobData }> = [];
    // Due after the set-up below (a job scheduled late fires at once: late, never early).
    const windowStart = Date.now() + 15_000;
    for (let u = 0; u < USERS; u++) {
      const userId = randomUUID();
      for (let t = 0; t < TASKS_PER_USER; t++) {
        const instants = Array.from(
          { length: REMINDERS_PER_TASK },
          () => new Date(windowStart + Math.floor(Math.random() * SPREAD_MS)),
        );
        const { taskId, reminderIds } = await taskWithReminders(store, userId, instants);
        reminderIds.forEach((reminderId, i) => {
          const dueAt = instants[i]!;
          const scheduledFor = dueAt.toISOString();
          jobs.push({
            taskId,
            name: reminderJobName(taskId, reminderId),
            dueAt,
            data: { kind: 'reminder', taskId, userId, reminderId, scheduledFor },
          });
        });
      }
    }
    for (let i = 0; i < jobs.length; i += 10) {
      await Promise.all(jobs.slice(i, i + 10).map((j) => scheduler.schedule(j)));
    }
    const taskIds = [...new Set(jobs.map((j) => j.taskId))];
    await until(async () => (await firedEvents(db.knex, taskIds)).length >= JOBS, 180_000);

    const fired = await firedEvents(db.knex, taskIds);
    const key = (taskId: string, reminderId: string) => `${taskId}/${reminderId}`;
    expect(new Set(fired.map((f) => key(f.stream_id, f.reminder_id))).size).toBe(JOBS);
    expect(fired).toHaveLength(JOBS);
    for (const f of fired) {
      expect(new Date(f.fired_at).getTime()).toBeGreaterThanOrEqual(new Date(f.scheduled_for).getTime());
    }
    for (const job of jobs) {
      const calls = log.of(job.name);
      // Fired at the first call: no firing lost a race to another of its user and was sent
      // back to wait for Dapr's retry (a repeat after that is harmless: idempotent)…
      expect(calls[0]?.status).toBe(200);
      // …and never answered before the due instant (an arrival may be early: JobCallbackLog).
      for (const c of calls) expect(c.answeredAt).toBeGreaterThanOrEqual(job.dueAt.getTime());
    }
  });
});
