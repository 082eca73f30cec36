import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleTaskCommand } from '@todo/domain';
import { createLogger, fixedClock, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { taskWithReminders } from '../testing/reminder-tasks.ts';
import { webhookEnqueueHandler } from './webhook-enqueuer.ts';
import { WebhookStore } from './webhook-store.ts';

// Webhooks keep the app's time, not the database's (pinned here years away from its now()):
// the enqueuer's delivery is created and due at the injected clock, so the worker's retries
// and give-up count from that instant, and so is a webhook's registration.
const pinned = new Date('2031-07-08T09:10:11.000Z');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('the webhook enqueuer', () => {
  it('queues a firing as a delivery created and due at the injected clock, once', async () => {
    const store = new PostgresEventStore(db.knex);
    const user = randomUUID();
    await new WebhookStore(db.knex).register(user, 'http://127.0.0.1:9/hook', 'secret');
    const scheduledFor = new Date('2031-07-08T09:00:00.000Z');
    const { taskId } = await taskWithReminders(store, user, [scheduledFor]);
    await handleTaskCommand(
      store,
      {
        type: 'RecordReminderFired',
        taskId,
        reminderId: 'r0',
        scheduledFor: scheduledFor.toISOString(),
        firedAt: pinned.toISOString(),
        late: true,
      },
      { userId: user, correlationId: randomUUID(), source: 'test' },
    );
    let wakes = 0;
    const handle = webhookEnqueueHandler(fixedClock(pinned.toISOString()), () => wakes++);
    const log = new PostgresEventLog(db.knex, db.connectionString, createLogger('silent'));
    // Two consumers read the same firing: the second finds the delivery queued already.
    for (const consumer of ['test.webhooks.a', 'test.webhooks.b']) {
      const subscription = log.subscribe(consumer, handle);
      await subscription.caughtUp();
      await subscription.stop();
    }
    const rows = await db.knex('webhook_deliveries').where({ user_id: user });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', created_at: pinned, next_attempt_at: pinned });
    expect(wakes).toBe(1);
  });
});

describe('the webhook store', () => {
  it('says a webhook was registered, and registered again, at the injected clock', async () => {
    const clock = fixedClock('2031-01-02T03:04:05.000Z');
    const hooks = new WebhookStore(db.knex, clock);
    const user = randomUUID();
    expect(await hooks.register(user, 'http://127.0.0.1:9/a', 'one')).toMatchObject({
      createdAt: '2031-01-02T03:04:05.000Z',
    });
    clock.advance(60_000);
    await hooks.register(user, 'http://127.0.0.1:9/b', 'two');
    expect(await hooks.get(user)).toMatchObject({
      url: 'http://127.0.0.1:9/b',
      createdAt: '2031-01-02T03:05:05.000Z',
    });
  });
});
