import type { TaskView } from '@todo/contracts';
import { EVENT_COLUMNS, type EventRow, type Knex } from '@todo/platform';
import type { TasksReadModel } from '@todo/projectors';
import { toEntry } from '../tasks/history.ts';
import { CSV_HEADER, taskCsvRecord } from './export-csv.ts';
import { EXPORT_TAIL, exportHead, exportTask } from './export-json.ts';

// Tasks are read a page at a time, so an export holds at most one page (and its events).
const PAGE = 200;

/** Every live task of the user (open and completed), oldest first, a page at a time. */
export async function* userTaskPages(tasks: TasksReadModel, userId: string): AsyncGenerator<TaskView[]> {
  let cursor: string | undefined;
  do {
    const page = await tasks.list(userId, {
      status: 'all',
      sort: 'created',
      order: 'asc',
      limit: PAGE,
      cursor,
    });
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface ExportSource {
  knex: Knex;
  tasks: TasksReadModel;
}

/** `GET /api/export/json` as chunks: each task with its whole history from the event store. */
export async function* jsonExportChunks(
  source: ExportSource,
  account: { id: string; timezone: string },
  exportedAt: string,
): AsyncGenerator<string> {
  yield exportHead(account, exportedAt);
  let first = true;
  for await (const page of userTaskPages(source.tasks, account.id)) {
    const rows: EventRow[] = await source
      .knex('events')
      .select(EVENT_COLUMNS)
      .whereIn(
        'stream_id',
        page.map((t) => t.id),
      )
      .andWhere('user_id', account.id)
      .orderBy([{ column: 'stream_id' }, { column: 'stream_version' }]);
    const byTask = Map.groupBy(rows.map(toEntry), (e) => e.taskId);
    for (const task of page) {
      yield exportTask({ task, events: byTask.get(task.id) ?? [] }, first);
      first = false;
    }
  }
  yield EXPORT_TAIL;
}

/** `GET /api/export/csv` as chunks: the header, then a record per task. */
export async function* csvExportChunks(source: ExportSource, userId: string): AsyncGenerator<string> {
  yield CSV_HEADER;
  for await (const page of userTaskPages(source.tasks, userId)) yield page.map(taskCsvRecord).join('');
}
