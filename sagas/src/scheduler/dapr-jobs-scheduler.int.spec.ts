import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { fireReminderHandler } from '../reminders/fire-reminder.ts';
import { reminderJobName, type ReminderJobData } from '../reminders/reminder-job.ts';
import { FakeDaprJobs } from '../testing/fake-dapr-jobs.ts';
import { manualTime } from '../testing/manual-time.ts';
import { firedEvents, taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { daprJobCallbackRoute } from './dapr-job-callback-route.ts';
import { DaprJobsScheduler } from './dapr-jobs-scheduler.ts';
import type { DueJob, FireContext } from './scheduler.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let store: PostgresEventStore;
let app: FastifyInstance;
let dapr: FakeDaprJobs;
let scheduler: DaprJobsScheduler;
const received: { job: DueJob; ctx: FireContext }[] = [];
let fire: ReturnType<typeof fireReminderHandler>;
// App and sidecar on manual time; the sidecar's clock is `sidecarAheadMs` ahead of ours.
const time = manualTime('2030-12-31T23:59:59.000Z');
let sidecarAheadMs = 0;
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  fire = fireReminderHandler({ eventStore: store, logger });
  dapr = new FakeDaprJobs({
    clock: { now: () => plus(time.now(), sidecarAheadMs) },
    timers: time.timers,
  });
  scheduler = new DaprJobsScheduler({
    daprHttpUrl: await dapr.start(),
    knex: db.knex,
    logger,
    clock: time.clock,
    timers: time.timers,
  });
  app = Fastify({ forceCloseConnections: true });
  await daprJobCallbackRoute(app, { scheduler });
  await app.listen({ port: 0, host: '127.0.0.1' });
  dapr.appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await scheduler.start(async (job, ctx) => {
    received.push({ job, ctx });
    await fire(job, ctx);
  });
});
afterAll(async () => {
  await scheduler.stop();
  await dapr.stop();
  await app.close();
  await db.drop();
});

function reminderJob(taskId: string, userId: string, at: Date) {
  const data: ReminderJobData = {
    kind: 'reminder',
    taskId,
    userId,
    reminderId: 'r0',
    scheduledFor: at.toISOString(),
  };
  return { name: reminderJobName(taskId, 'r0'), dueAt: at, data };
}

describe('Dapr Jobs API adapter (against a local stand-in for the sidecar)', () => {
  it('schedules a one-shot job in UTC with overwrite, and is called back at /job/:name at its instant', async () => {
    const user = randomUUID();
    const due = plus(time.now(), 300);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await scheduler.schedule(reminderJob(taskId, user, due));
    const sent = dapr.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', name: reminderJobName(taskId, 'r0') });
    expect(sent.body).toMatchObject({ dueTime: due.toISOString(), overwrite: true });
    expect((sent.body as { dueTime: string }).dueTime).toMatch(/Z$/);
    await time.asleepUntil(due);
    time.advance(300);
    await until(async () => (await firedEvents(db.knex, [taskId])).length === 1);
    const call = received.find((r) => r.job.name === reminderJobName(taskId, 'r0'))!;
    expect(call.job.dueAt.toISOString()).toBe(due.toISOString());
    expect(call.ctx.firedAt.toISOString()).toBe(due.toISOString());
  });

  it('given the sidecar’s clock is ahead of ours, holds its early callback until our due instant', async () => {
    sidecarAheadMs = 1000;
    try {
      const user = randomUUID();
      const due = plus(time.now(), 3000);
      const { taskId } = await taskWithReminders(store, user, [due]);
      await scheduler.schedule(reminderJob(taskId, user, due));
      // By our clock the sidecar calls back a second early.
      time.advance(2000);
      await until(async () => dapr.jobs.size === 0);
      // The callback arrived and now waits for our due instant.
      await time.asleepUntil(due);
      expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
      time.advance(1000);
      await until(async () => (await firedEvents(db.knex, [taskId])).length === 1);
      const [fired] = await firedEvents(db.knex, [taskId]);
      expect(fired!.fired_at).toBe(due.toISOString());
    } finally {
      sidecarAheadMs = 0;
    }
  });

  it('reschedules by overwriting the job of the same name', async () => {
    const user = randomUUID();
    const first = plus(time.now(), 200);
    const later = plus(time.now(), 500);
    const { taskId } = await taskWithReminders(store, user, [first]);
    await scheduler.schedule(reminderJob(taskId, user, first));
    await scheduler.schedule(reminderJob(taskId, user, later));
    time.advance(200);
    await dapr.settled();
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
    time.advance(300);
    await until(async () => (await firedEvents(db.knex, [taskId])).length > 0);
    await dapr.settled();
    const fired = await firedEvents(db.knex, [taskId]);
    expect(fired.map((f) => f.scheduled_for)).toEqual([later.toISOString()]);
  });

  it('cancels with DELETE (and cancelling an unknown job is fine)', async () => {
    const user = randomUUID();
    const due = plus(time.now(), 200);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await scheduler.schedule(reminderJob(taskId, user, due));
    await scheduler.cancel(reminderJobName(taskId, 'r0'));
    await scheduler.cancel(reminderJobName(taskId, 'r0'));
    time.advance(400);
    await dapr.settled();
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(0);
    expect(
      dapr.requests.filter((r) => r.method === 'DELETE' && r.name === reminderJobName(taskId, 'r0')),
    ).toHaveLength(2);
  });

  it('given the callback delivered three times, the reminder fires once in the log', async () => {
    dapr.deliveries = 3;
    const user = randomUUID();
    const due = plus(time.now(), 200);
    const { taskId } = await taskWithReminders(store, user, [due]);
    await scheduler.schedule(reminderJob(taskId, user, due));
    time.advance(200);
    await until(
      async () => received.filter((r) => r.job.name === reminderJobName(taskId, 'r0')).length === 3,
    );
    dapr.deliveries = 1;
    expect(await firedEvents(db.knex, [taskId])).toHaveLength(1);
  });

  it('answers a callback whose payload is no object, or whose instant is no date, without firing it', async () => {
    const before = received.length;
    for (const data of [
      { dueAt: time.now().toISOString(), payload: null },
      { dueAt: 'soon', payload: {} },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/job/not-ours', payload: data });
      expect(res.statusCode).toBe(200);
    }
    expect(received).toHaveLength(before);
  });
});
