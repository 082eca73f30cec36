import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateTaskBody,
  HistoryEntry,
  ListTasksQuery,
  PatchTaskBody,
  TaskList,
  TaskView,
  WriteResult,
} from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** The list query as the SPA sends it: every field optional, the server fills the defaults. */
export type TaskQuery = Partial<ListTasksQuery>;

function toParams(query: TaskQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** Typed client of the task routes of command-api and query-api. */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  list(query: TaskQuery): Promise<TaskList> {
    return firstValueFrom(this.http.get<TaskList>('/api/tasks', { params: toParams(query) }));
  }

  get(id: string): Promise<TaskView> {
    return firstValueFrom(this.http.get<TaskView>(`/api/tasks/${encodeURIComponent(id)}`));
  }

  history(id: string): Promise<HistoryEntry[]> {
    return firstValueFrom(
      this.http.get<{ items: HistoryEntry[] }>(`/api/tasks/${encodeURIComponent(id)}/history`),
    ).then((h) => h.items);
  }

  /** The key makes a retried create (double click, flaky network) create one task only. */
  create(body: CreateTaskBody, idempotencyKey: string = crypto.randomUUID()): Promise<WriteResult> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return firstValueFrom(this.http.post<WriteResult>('/api/tasks', body, { headers }));
  }

  update(id: string, body: PatchTaskBody, expectedVersion?: number): Promise<WriteResult> {
    const headers =
      expectedVersion === undefined
        ? new HttpHeaders()
        : new HttpHeaders({ 'If-Match': `"${expectedVersion}"` });
    return firstValueFrom(
      this.http.patch<WriteResult>(`/api/tasks/${encodeURIComponent(id)}`, body, { headers }),
    );
  }

  complete(id: string): Promise<WriteResult> {
    return firstValueFrom(this.http.post<WriteResult>(`/api/tasks/${encodeURIComponent(id)}/complete`, {}));
  }

  reopen(id: string): Promise<WriteResult> {
    return firstValueFrom(this.http.post<WriteResult>(`/api/tasks/${encodeURIComponent(id)}/reopen`, {}));
  }

  delete(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/tasks/${encodeURIComponent(id)}`));
  }

  snooze(taskId: string, reminderId: string, minutes: number): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `/api/tasks/${encodeURIComponent(taskId)}/reminders/${encodeURIComponent(reminderId)}/snooze`,
        { minutes },
      ),
    );
  }
}
