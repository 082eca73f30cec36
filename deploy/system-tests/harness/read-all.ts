import type { HistoryEntry, TaskView } from '@todo/contracts';
import { expectStatus, type Requester } from './api.ts';

/** Every task of the caller matching `query` (all statuses unless told), page by page. */
export async function allTasks(api: Requester, token: string, query = 'status=all'): Promise<TaskView[]> {
  const tasks: TaskView[] = [];
  let cursor: string | null = null;
  do {
    const page = `/api/tasks?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = expectStatus(await api('GET', page, { token }), 200, `GET ${page}`).body as {
      items: TaskView[];
      nextCursor: string | null;
    };
    tasks.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return tasks;
}

/** The caller's whole audit trail (every event of theirs), oldest first. */
export async function wholeAudit(api: Requester, token: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = `/api/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const body = expectStatus(await api('GET', page, { token }), 200, `GET ${page}`).body as {
      items: HistoryEntry[];
      nextCursor: string | null;
    };
    entries.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return entries.reverse();
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
