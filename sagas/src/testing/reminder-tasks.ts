import { randomUUID } from 'node:crypto';
import { TASK_REMINDER_FIRED, type CreateTask } from '@todo/contracts';
import { taskCreatedData } from '@todo/contracts/testing';
import { handleTaskCommand } from '@todo/domain';
import type { EventStore, Knex } from '@todo/platform';

/** Creates an open task with absolute reminders at the given instants (ids r0, r1, …). */
export async function taskWithReminders(
  store: EventStore,
  userId: string,
  instants: Date[],
): Promise<{ taskId: string; reminderIds: string[] }> {
  const taskId = randomUUID();
  const reminders = instants.map((at, i) => ({ id: `r${i}`, at: at.toISOString() }));
  const create: CreateTask = {
    type: 'CreateTask',
    taskId,
    ...taskCreatedData({ title: 'Reminded task', reminders }),
  };
  await handleTaskCommand(store, create, { userId, correlationId: randomUUID(), source: 'test' });
  return { taskId, reminderIds: reminders.map((r) => r.id) };
}

export interface FiredRow {
  stream_id: string;
  reminder_id: string;
  scheduled_for: string;
  fired_at: string;
  late: boolean;
}

export async function firedEvents(knex: Knex, taskIds?: string[]): Promise<FiredRow[]> {
  const q = knex('events')
    .where({ type: TASK_REMINDER_FIRED })
    .select(
      'stream_id',
      knex.raw(`data->>'reminderId' as reminder_id`),
      knex.raw(`data->>'scheduledFor' as scheduled_for`),
      knex.raw(`data->>'firedAt' as fired_at`),
      knex.raw(`(data->>'late')::boolean as late`),
    );
  if (taskIds) q.whereIn('stream_id', taskIds);
  return q;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error('condition not met in time');
}
