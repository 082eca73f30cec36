import {
  History,
  ParseResult,
  Problem,
  TaskListResponse,
  TaskView,
  WriteResult,
  type CreateTaskBody,
  type ListTasksQuery,
  type PatchTaskBody,
} from '@todo/contracts';
import { z } from 'zod';
import { ApiProblem, type Me, type TodoApi, type WriteOptions } from './todo-api.ts';

const MeBody = z.object({
  id: z.string(),
  email: z.string(),
  timezone: z.string(),
  scopes: z.array(z.string()).optional(),
});

const REQUEST_TIMEOUT_MS = 30_000;

export interface FetchTodoApiOptions {
  /** The system's public URL, e.g. `http://127.0.0.1:8080` (the gateway in a cluster). */
  baseUrl: string;
  /** The caller's `Authorization` header value, forwarded as it came: `Bearer <token>`. */
  authorization: string;
  /** A correlation id for every call of one MCP request, so its events can be traced. */
  correlationId?: string;
}

const ifMatch = (options?: WriteOptions): Record<string, string> =>
  options?.expectedVersion === undefined ? {} : { 'if-match': `"${options.expectedVersion}"` };

/** The REST API over fetch, as the caller. */
export function fetchTodoApi(options: FetchTodoApiOptions): TodoApi {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | null,
    init: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T | undefined> {
    const headers: Record<string, string> = { authorization: options.authorization, ...init.headers };
    if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(base + path, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new ApiProblem(problemOf(response.status, text));
    if (!schema) return undefined;
    return schema.parse(JSON.parse(text));
  }
  const must = async <T>(promise: Promise<T | undefined>): Promise<T> => {
    const value = await promise;
    if (value === undefined) throw new Error('the API answered without a body');
    return value;
  };

  return {
    me: (): Promise<Me> => must(call('GET', '/api/me', MeBody)),
    parse: (text) => must(call('POST', '/api/nl/parse', ParseResult, { json: { text } })),
    create: (body: CreateTaskBody, idempotencyKey?: string) =>
      must(
        call('POST', '/api/tasks', WriteResult, {
          json: body,
          headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        }),
      ),
    list: (query: Partial<ListTasksQuery>) =>
      must(call('GET', `/api/tasks?${queryString(query)}`, TaskListResponse)),
    get: (id) => must(call('GET', `/api/tasks/${encodeURIComponent(id)}`, TaskView)),
    update: (id, changes: PatchTaskBody, opts) =>
      must(
        call('PATCH', `/api/tasks/${encodeURIComponent(id)}`, WriteResult, {
          json: changes,
          headers: ifMatch(opts),
        }),
      ),
    // Body-less commands send `{}`, as the SPA does: a proxy or replayer that adds a content
    // type to an empty body would be refused with 415.
    complete: (id, opts) =>
      must(
        call('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, WriteResult, {
          json: {},
          headers: ifMatch(opts),
        }),
      ),
    reopen: (id, opts) =>
      must(
        call('POST', `/api/tasks/${encodeURIComponent(id)}/reopen`, WriteResult, {
          json: {},
          headers: ifMatch(opts),
        }),
      ),
    remove: async (id, opts) => {
      await call('DELETE', `/api/tasks/${encodeURIComponent(id)}`, null, { headers: ifMatch(opts) });
    },
    snooze: (id, reminderId, minutes) =>
      must(
        call(
          'POST',
          `/api/tasks/${encodeURIComponent(id)}/reminders/${encodeURIComponent(reminderId)}/snooze`,
          WriteResult,
          { json: { minutes } },
        ),
      ),
    history: (id) => must(call('GET', `/api/tasks/${encodeURIComponent(id)}/history`, History)),
  };
}

function queryString(query: Partial<ListTasksQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** The REST problem, or one made up for an answer that is not one (a proxy's 502). */
function problemOf(status: number, text: string): Problem {
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  return { type: 'about:blank', title: 'The todo API refused the call', status, detail: text.slice(0, 200) };
}
