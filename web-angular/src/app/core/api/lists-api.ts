import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateListBody, ListList, ListView, PatchListBody, WriteResult } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** Typed client of the list routes (command-api writes, query-api reads). */
@Injectable({ providedIn: 'root' })
export class ListsApi {
  private readonly http = inject(HttpClient);

  list(options: { archived?: boolean } = {}): Promise<ListView[]> {
    const params = options.archived ? new HttpParams().set('archived', 'true') : new HttpParams();
    return firstValueFrom(this.http.get<ListList>('/api/lists', { params })).then((l) => l.items);
  }

  create(body: CreateListBody, idempotencyKey: string = crypto.randomUUID()): Promise<WriteResult> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return firstValueFrom(this.http.post<WriteResult>('/api/lists', body, { headers }));
  }

  update(id: string, body: PatchListBody): Promise<WriteResult> {
    return firstValueFrom(this.http.patch<WriteResult>(`/api/lists/${encodeURIComponent(id)}`, body));
  }

  /** Its tasks move to the Inbox, or are deleted with `tasks: 'delete'`. */
  delete(id: string, tasks: 'inbox' | 'delete' = 'inbox'): Promise<void> {
    const params = new HttpParams().set('tasks', tasks);
    return firstValueFrom(this.http.delete<void>(`/api/lists/${encodeURIComponent(id)}`, { params }));
  }
}
