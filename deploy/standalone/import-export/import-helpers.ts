import type { ImportJob, TaskList, TaskView } from '@todo/contracts';
import { readFileSync } from 'node:fs';
import type { TestSystem } from '../../testing/test-system.ts';

/** The hand-written Todoist export (Todoist's real columns, blank lines between rows). */
export const todoistFixture = (): Buffer => readFileSync(new URL('./todoist-export.csv', import.meta.url));

export function postTodoist(
  t: TestSystem,
  token: string,
  body: Uint8Array | string,
  contentType = 'text/csv',
) {
  return t.api('/api/imports/todoist', {
    method: 'POST',
    token,
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

/** Polls the import job (as the SPA does) until it is no longer running. */
export async function finished(t: TestSystem, token: string, started: Response): Promise<ImportJob> {
  if (started.status !== 202) throw new Error(`import refused: ${started.status} ${await started.text()}`);
  const location = started.headers.get('location')!;
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = (await (await t.api(location, { token })).json()) as ImportJob;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${location} still running`);
}

/** Every task of the user, open and completed, by title then due date. */
export async function allTasks(t: TestSystem, token: string): Promise<TaskView[]> {
  const items: TaskView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/api/tasks?status=all&sort=created&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await (await t.api(query, { token })).json()) as TaskList;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items.sort((a, b) => a.title.localeCompare(b.title) || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
}

/** What a user stores: their events and import jobs (a refused import must change neither). */
export async function storedCounts(t: TestSystem, userId: string): Promise<{ events: number; jobs: number }> {
  const [events] = await t.db.knex('events').where({ user_id: userId }).count({ n: '*' });
  const [jobs] = await t.db.knex('data_import_jobs').where({ user_id: userId }).count({ n: '*' });
  return { events: Number(events!.n), jobs: Number(jobs!.n) };
}

/** A task's fields as an import should reproduce them (ids, versions and stamps are new). */
export const fieldsOf = (task: TaskView) => ({
  title: task.title,
  description: task.description,
  priority: task.priority,
  tags: task.tags,
  dueAt: task.dueAt,
  allDay: task.allDay,
  timezone: task.timezone,
  recurrence: task.recurrence,
  status: task.status,
});
