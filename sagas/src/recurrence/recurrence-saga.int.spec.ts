import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TASK_CREATED, type CreateTask } from '@todo/contracts';
import { handleTaskCommand } from '@todo/domain';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { startRecurrenceSaga } from './recurrence-saga.ts';

let db: TestDatabase;
let store: PostgresEventStore;
let log: PostgresEventLog;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  log = new PostgresEventLog(db.knex, db.connectionString, logger);
});
afterAll(async () => db.drop());

const ctx = (userId: string) => ({ userId, correlationId: randomUUID(), source: 'test' });

async function recurringTask(userId: string, rrule = 'FREQ=DAILY'): Promise<string> {
  const taskId = randomUUID();
  const create: CreateTask = {
    type: 'CreateTask',
    taskId,
    title: 'Stretch',
    description: '',
    priority: 'low',
    tags: ['health'],
    dueAt: '2026-03-07T14:00:00.000Z',
    allDay: false,
    timezone: 'America/New_York',
    recurrence: { rrule, anchor: 'schedule' },
    reminders: [{ id: 'r1', at: '2026-03-07T13:00:00.000Z' }],
    seriesId: null,
    listId: null,
    spawnedFrom: null,
  };
  await handleTaskCommand(store, create, ctx(userId));
  return taskId;
}

const complete = (taskId: string, userId: string) =>
  handleTaskCommand(
    store,
    { type: 'CompleteTask', taskId, completedAt: '2026-03-07T15:00:00.000Z' },
    ctx(userId),
  );

async function successorsOf(taskId: string) {
  const rows = await db
    .knex('events')
    .where({ type: TASK_CREATED })
    .whereRaw(`data->'spawnedFrom'->>'taskId' = ?`, [taskId])
    .select('stream_id', 'data', 'causation_id');
  return rows as { stream_id: string; data: Record<string, unknown>; causation_id: string }[];
}

async function runSaga(consumer: string, instances = 1) {
  const subs = Array.from({ length: instances }, () =>
    startRecurrenceSaga({ eventLog: log, eventStore: store, logger, consumer }),
  );
  await Promise.all(subs.map((s) => s.caughtUp()));
  await Promise.all(subs.map((s) => s.stop()));
}

describe('recurrence saga', () => {
  it('given a completed recurring task, appends exactly one next occurrence, caused by the completion', async () => {
    const user = randomUUID();
    const taskId = await recurringTask(user);
    const completion = await complete(taskId, user);
    await runSaga('rec-1');
    const next = await successorsOf(taskId);
    expect(next).toHaveLength(1);
    expect(next[0]!.causation_id).toBe(completion.eventIds[0]);
    expect(next[0]!.data).toMatchObject({
      title: 'Stretch',
      tags: ['health'],
      dueAt: '2026-03-08T13:00:00.000Z',
      seriesId: taskId,
      reminders: [{ id: 'r1', at: '2026-03-08T12:00:00.000Z' }],
      spawnedFrom: { taskId, eventId: completion.eventIds[0] },
    });
  });

  it('given the same completion delivered again (checkpoint lost), still one next occurrence', async () => {
    const user = randomUUID();
    const taskId = await recurringTask(user);
    await complete(taskId, user);
    await runSaga('rec-2');
    await db.knex('consumer_checkpoints').where({ consumer: 'rec-2' }).delete();
    await runSaga('rec-2');
    expect(await successorsOf(taskId)).toHaveLength(1);
  });

  it('given two instances of the saga (and a second deployment replaying the log), one next occurrence', async () => {
    const user = randomUUID();
    const taskId = await recurringTask(user);
    await complete(taskId, user);
    await Promise.all([runSaga('rec-3', 2), runSaga('rec-3-replay', 2)]);
    expect(await successorsOf(taskId)).toHaveLength(1);
  });

  it('given a completion of the last occurrence (COUNT=1), spawns nothing', async () => {
    const user = randomUUID();
    const taskId = await recurringTask(user, 'FREQ=DAILY;COUNT=1');
    await complete(taskId, user);
    await runSaga('rec-4');
    expect(await successorsOf(taskId)).toHaveLength(0);
  });

  it('given a skipped occurrence, spawns the next one too', async () => {
    const user = randomUUID();
    const taskId = await recurringTask(user);
    await handleTaskCommand(
      store,
      { type: 'SkipOccurrence', taskId, skippedAt: '2026-03-07T12:00:00.000Z' },
      ctx(user),
    );
    await runSaga('rec-5');
    const next = await successorsOf(taskId);
    expect(next.map((n) => n.data.dueAt)).toEqual(['2026-03-08T13:00:00.000Z']);
  });
});
