import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import type { ImportJob } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** What a file is, by its name: a Todoist CSV export or our own JSON export. */
export type ImportKind = 'todoist' | 'export';

export function importKindOf(file: File): ImportKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'todoist';
  if (name.endsWith('.json')) return 'export';
  return null;
}

/** Saves a downloaded file in the browser; a token so that specs can see what was saved. */
export const SAVE_FILE = new InjectionToken<(blob: Blob, name: string) => void>('SAVE_FILE', {
  providedIn: 'root',
  factory: () => (blob, name) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    URL.revokeObjectURL(url);
  },
});

/** Typed client of the import and export routes (query-api's downloads, command-api's imports). */
@Injectable({ providedIn: 'root' })
export class DataApi {
  private readonly http = inject(HttpClient);

  /** The bearer token rides on the request, so a download is fetched, not linked to. */
  download(format: 'json' | 'csv'): Promise<Blob> {
    return firstValueFrom(this.http.get(`/api/export/${format}`, { responseType: 'blob' }));
  }

  /** Sends the file as it is: `text/csv` for Todoist's export, JSON for ours. */
  startImport(kind: ImportKind, file: Blob): Promise<ImportJob> {
    const contentType = kind === 'todoist' ? 'text/csv' : 'application/json';
    const headers = new HttpHeaders({ 'Content-Type': contentType });
    return firstValueFrom(this.http.post<ImportJob>(`/api/imports/${kind}`, file, { headers }));
  }

  job(id: string): Promise<ImportJob> {
    return firstValueFrom(this.http.get<ImportJob>(`/api/imports/jobs/${encodeURIComponent(id)}`));
  }
}
