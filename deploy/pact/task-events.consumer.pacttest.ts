import { beforeAll, describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_REMINDER_FIRED,
  TASK_UPDATED,
  type AnyEnvelope,
} from '@todo/contracts';
import { evolveTask, toTaskView, type TaskDoc } from '@todo/projectors';
import { messagesOf, type FeedRow } from '@todo/realtime';
import { PACT_DIR, TASKS_PROJECTION, WRITE_SIDE, removePactFile } from './pact-files.ts';
import { UUID_EXAMPLE, decimalString, isoInstant } from './matchers.ts';

const { boolean, eachLike, integer, like, nullValue, regex, uuid } = MatchersV3;

/**
 * The read side consumes the write side's CloudEvents envelopes (`todo.task.*.v1`): the
 * tasks projection folds them into rows, and from the same fold it writes the change feed
 * the realtime gateway streams. Each message here goes through that real code:
 * `evolveTask`, then `messagesOf` on the feed row `applyToTasks` would write for it.
 */
const USER_EXAMPLE = '0b8e4c1e-7d2a-4f3b-9c5d-6e7f8a9b0c1d';
const pact = new PactV4({
  consumer: TASKS_PROJECTION,
  provider: WRITE_SIDE,
  dir: PACT_DIR,
  logLevel: 'warn',
});

const envelope = (type: string, streamversion: number, data: unknown) => ({
  specversion: '1.0',
  id: uuid(),
  source: like('/todo/command-api'),
  type,
  subject: uuid(UUID_EXAMPLE),
  time: isoInstant(),
  datacontenttype: 'application/json',
  data,
  userid: uuid(USER_EXAMPLE),
  streamversion: integer(streamversion),
  position: decimalString(),
  userseq: decimalString(String(streamversion)),
  correlationid: like('c0ffee'),
  causationid: nullValue(),
});

/** The task as the projection holds it after the created event below. */
const created: TaskDoc = {
  id: UUID_EXAMPLE,
  userId: USER_EXAMPLE,
  title: 'Pay rent',
  description: '',
  priority: 'high',
  tags: ['home'],
  dueAt: '2026-12-01T08:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
  reminders: [{ id: 'r1', at: '2026-12-01T07:30:00.000Z' }],
  status: 'open',
  completedAt: null,
  seriesId: UUID_EXAMPLE,
  listId: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  version: 1,
};

/** What the projection does with one message, and what realtime then sends the user's devices. */
function consume(before: TaskDoc | null, message: { contents: { content: unknown } }) {
  const event = message.contents.content as AnyEnvelope;
  const after = evolveTask(before, event);
  const row: FeedRow = {
    userSeq: BigInt(event.userseq),
    taskId: event.subject,
    kind: after ? 'upserted' : 'deleted',
    task: after ? toTaskView(after) : null,
    eventType: event.type,
    eventData: (event.data ?? {}) as Record<string, unknown>,
  };
  return { after, realtime: messagesOf(row) };
}

const expectMessage = (description: string, content: unknown) =>
  pact.addAsynchronousInteraction().expectsToReceive(description, (b) => b.withJSONContent(content));

beforeAll(() => removePactFile(TASKS_PROJECTION, WRITE_SIDE));

describe('the tasks projection and realtime consume task events (consumer)', () => {
  it('a task created event becomes a row and a live upsert', async () => {
    await expectMessage(
      'a task created event',
      envelope(TASK_CREATED, 1, {
        title: like('Pay rent'),
        description: like(''),
        priority: regex('^(none|low|medium|high)$', 'high'),
        tags: eachLike('home'),
        dueAt: isoInstant('2026-12-01T08:00:00.000Z'),
        allDay: boolean(false),
        timezone: like('Europe/Paris'),
        recurrence: {
          rrule: like('FREQ=MONTHLY;BYMONTHDAY=1'),
          anchor: regex('^(schedule|completion)$', 'schedule'),
        },
        reminders: eachLike({ id: like('r1'), at: isoInstant('2026-12-01T07:30:00.000Z') }),
        seriesId: uuid(UUID_EXAMPLE),
        spawnedFrom: nullValue(),
        listId: nullValue(),
      }),
    ).executeTest(async (message) => {
      const { after, realtime } = consume(null, message);
      expect(after).toMatchObject({
        ...created,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(realtime).toEqual([
        { type: 'task.upserted', position: expect.any(String), task: expect.anything() },
      ]);
    });
  });

  it('a task updated event changes the row', async () => {
    await expectMessage(
      'a task updated event',
      envelope(TASK_UPDATED, 2, { changes: { priority: regex('^(none|low|medium|high)$', 'low') } }),
    ).executeTest(async (message) => {
      const { after } = consume(created, message);
      expect(after).toMatchObject({ priority: 'low', version: 2 });
    });
  });

  it('a task completed event closes the row', async () => {
    await expectMessage(
      'a task completed event',
      envelope(TASK_COMPLETED, 2, { completedAt: isoInstant('2026-11-30T18:00:00.000Z') }),
    ).executeTest(async (message) => {
      const { after } = consume(created, message);
      expect(after).toMatchObject({
        status: 'completed',
        completedAt: '2026-11-30T18:00:00.000Z',
        version: 2,
      });
    });
  });

  it('a task deleted event removes the row and tells the devices', async () => {
    await expectMessage('a task deleted event', envelope(TASK_DELETED, 2, {})).executeTest(
      async (message) => {
        const { after, realtime } = consume(created, message);
        expect(after).toBeNull();
        expect(realtime).toEqual([
          { type: 'task.deleted', position: expect.any(String), taskId: UUID_EXAMPLE },
        ]);
      },
    );
  });

  it('a reminder fired event moves the version and becomes a reminder toast', async () => {
    await expectMessage(
      'a task reminder fired event',
      envelope(TASK_REMINDER_FIRED, 2, {
        reminderId: like('r1'),
        scheduledFor: isoInstant('2026-12-01T07:30:00.000Z'),
        firedAt: isoInstant('2026-12-01T07:30:00.120Z'),
        late: boolean(false),
      }),
    ).executeTest(async (message) => {
      const { after, realtime } = consume(created, message);
      expect(after?.version).toBe(2);
      expect(realtime.at(-1)).toEqual({
        type: 'reminder.due',
        position: expect.any(String),
        taskId: UUID_EXAMPLE,
        reminderId: 'r1',
        scheduledFor: '2026-12-01T07:30:00.000Z',
        firedAt: '2026-12-01T07:30:00.120Z',
      });
    });
  });
});
