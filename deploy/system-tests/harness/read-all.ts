import type { HistoryEntry, TaskView } from '@todo/contracts';
import { expectStatus, type Requester } from './api.ts';

/** Every item of a cursor-paged list of the caller's, page by page, in the order served. */
async function everyPage<T>(api: Requester, token: string, path: string, query = ''): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = `${path}?${query && `${query}&`}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = expectStatus(await api('GET', page, { token }), 200, `GET ${page}`).body as {
      items: T[];
      nextCursor: string | null;
    };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** Every task of the caller matching `query` (all statuses unless told), page by page. */
export function allTasks(api: Requester, token: string, query = 'status=all'): Promise<TaskView[]> {
  return everyPage<TaskView>(api, token, '/api/tasks', query);
}

/** The caller's whole audit trail (every event of theirs), oldest first. */
export async function wholeAudit(api: Requester, token: string): Promise<HistoryEntry[]> {
  // The audit is served newest first.
  return (await everyPage<HistoryEntry>(api, token, '/api/audit')).reverse();
}

/** Polls `check` until it holds or `timeoutMs` passes (a liveness bound), then returns its last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
