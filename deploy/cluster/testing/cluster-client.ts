import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { ReminderFiredData, TASK_REMINDER_FIRED } from '@todo/contracts';
import type { Knex } from '@todo/platform';

// What the whole-cluster specs (Kafka and Dapr) do through the gateway, as a user would.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads until `done` holds or the (liveness) bound passes; the caller asserts on what it got. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

export type ClusterClient = ReturnType<typeof clusterClient>;

export function clusterClient(baseUrl: () => string) {
  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  };
  return {
    api,
    signup: async (): Promise<{ token: string; userId: string }> => {
      const res = await api('POST', '/api/auth/signup', undefined, {
        email: `cluster-${randomUUID()}@example.com`,
        password: 'correct horse battery',
      });
      expect(res.status).toBe(201);
      return { token: res.body.token, userId: res.body.user.id };
    },
    createTask: async (token: string, body: Record<string, unknown>): Promise<string> => {
      const res = await api('POST', '/api/tasks', token, body);
      expect(res.status).toBe(201);
      return res.body.id;
    },
    listTasks: async (token: string, query = ''): Promise<Array<Record<string, unknown>>> => {
      const res = await api('GET', `/api/tasks?limit=200${query}`, token);
      expect(res.status).toBe(200);
      return res.body.items;
    },
  };
}

/**
 * The reminder flow both whole-cluster specs check: a task with one reminder due `aheadMs`
 * after the cluster's "now", and what its firing wrote to the log of record. `now` is the
 * cluster's clock as the test reads it: the pinned clock of the Kafka cluster's processes
 * (libfaketime), the machine's on Dapr, whose scheduler keeps real time. Only the firing's own
 * instants are compared (`scheduledFor`, `firedAt`: the cluster's clock), never PostgreSQL's
 * stamps, which are the database's clock.
 */
export function reminderFlow(client: ClusterClient, knex: () => Knex, now: () => number) {
  const firings = async (taskId: string): Promise<ReminderFiredData[]> => {
    const rows: { data: unknown }[] = await knex()('events')
      .where({ stream_id: taskId, type: TASK_REMINDER_FIRED })
      .select('data');
    return rows.map((row) => ReminderFiredData.parse(row.data));
  };
  return {
    /** A task with no due date and one reminder, `aheadMs` from the cluster's now. */
    async create(token: string, title: string, aheadMs: number) {
      const remindAt = new Date(now() + aheadMs);
      const taskId = await client.createTask(token, { title, reminders: [{ at: remindAt.toISOString() }] });
      return { taskId, remindAt };
    },
    firings,
    /** Waits (a liveness bound) until it has fired, then holds that it fired once, at its time. */
    async expectFiredOnceAtItsTime(taskId: string, remindAt: Date, timeoutMs = 40_000) {
      const fired = await eventually(
        () => firings(taskId),
        (f) => f.length > 0,
        timeoutMs,
      );
      expect(fired).toHaveLength(1);
      expect(Date.parse(fired[0]!.scheduledFor)).toBe(remindAt.getTime());
      expect(Date.parse(fired[0]!.firedAt)).toBeGreaterThanOrEqual(remindAt.getTime());
      return fired[0]!;
    },
  };
}
