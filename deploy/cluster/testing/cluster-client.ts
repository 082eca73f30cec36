import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';

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
