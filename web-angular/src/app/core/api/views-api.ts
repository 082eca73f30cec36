import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateViewBody, PatchViewBody, SavedViewList, WriteResult } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

const ifMatch = (version: number | undefined) =>
  version === undefined ? new HttpHeaders() : new HttpHeaders({ 'If-Match': `"${version}"` });

/** Typed client of the saved views routes (command-api writes, query-api reads). */
@Injectable({ providedIn: 'root' })
export class ViewsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<SavedViewList> {
    return firstValueFrom(this.http.get<SavedViewList>('/api/views'));
  }

  /** The key makes a retried save (double click, flaky network) save one view only. */
  create(body: CreateViewBody, idempotencyKey: string = crypto.randomUUID()): Promise<WriteResult> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return firstValueFrom(this.http.post<WriteResult>('/api/views', body, { headers }));
  }

  update(id: string, body: PatchViewBody, expectedVersion?: number): Promise<WriteResult> {
    return firstValueFrom(
      this.http.patch<WriteResult>(`/api/views/${encodeURIComponent(id)}`, body, {
        headers: ifMatch(expectedVersion),
      }),
    );
  }

  reorder(order: string[], expectedVersion?: number): Promise<{ version: number }> {
    return firstValueFrom(
      this.http.put<{ version: number }>('/api/views', { order }, { headers: ifMatch(expectedVersion) }),
    );
  }

  delete(id: string, expectedVersion?: number): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/views/${encodeURIComponent(id)}`, { headers: ifMatch(expectedVersion) }),
    );
  }
}
