import { ChangeDetectionStrategy, Component, InjectionToken, computed, inject, signal } from '@angular/core';
import type { ImportJob } from '@todo/contracts';
import { DataApi, SAVE_FILE, importKindOf } from '../../core/api/data-api';
import { toUiError } from '../../core/api/problem';
import { CLOCK } from '../../core/time/clock';

/** How long to wait between two looks at a running import (a spec sets 0). */
export const IMPORT_POLL_MS = new InjectionToken<number>('IMPORT_POLL_MS', {
  providedIn: 'root',
  factory: () => 1000,
});

/**
 * Import and export: download every task with its history (JSON) or the tasks as CSV;
 * upload a Todoist CSV export or one of our JSON exports, watch its progress and read what
 * it could not use (docs/integrations.md, "Import and export").
 */
@Component({
  selector: 'app-data-section',
  template: `
    <section class="data" aria-labelledby="data-title">
      <h2 id="data-title">Import and export</h2>
      <p>
        Download your tasks: JSON keeps every task's whole history and can be imported again; CSV opens in a
        spreadsheet.
      </p>
      <div class="row">
        <button type="button" (click)="download('json')">Download JSON</button>
        <button type="button" (click)="download('csv')">Download CSV</button>
      </div>
      <p>
        Import a Todoist CSV export, or a JSON export of this app. Importing the same file again creates
        nothing twice.
      </p>
      <div class="row">
        <label for="import-file">File to import</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          (change)="choose($event)"
        />
        <button type="button" [disabled]="!file() || running()" (click)="startImport()">Import</button>
      </div>
      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      @if (job(); as current) {
        <div class="job" aria-live="polite">
          <progress [max]="current.total || 1" [value]="current.processed"></progress>
          <p class="status">{{ summary() }}</p>
          @if (current.report.length) {
            <ul class="report">
              @for (line of current.report; track $index) {
                <li>{{ reportLine(current, line) }}</li>
              }
            </ul>
            @if (current.reportOmitted) {
              <p>… and {{ current.reportOmitted }} more.</p>
            }
          }
        </div>
      }
    </section>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    progress {
      width: 100%;
    }
    .report {
      max-height: 16rem;
      overflow-y: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataSection {
  private readonly api = inject(DataApi);
  private readonly save = inject(SAVE_FILE);
  private readonly clock = inject(CLOCK);
  private readonly pollMs = inject(IMPORT_POLL_MS);

  readonly file = signal<File | null>(null);
  readonly job = signal<ImportJob | null>(null);
  readonly error = signal<string | null>(null);
  readonly running = computed(() => this.job()?.status === 'running');
  readonly summary = computed(() => {
    const job = this.job();
    if (!job) return '';
    const counts = `${job.processed} of ${job.total} tasks: ${job.created} created, ${job.unchanged} already there`;
    if (job.status === 'running') return `Importing… ${counts}`;
    return job.status === 'done'
      ? `Done. ${counts}.`
      : `The import stopped. ${counts}. Import the file again to finish.`;
  });

  /** "Line 69, DATE: imported — …": a CSV names its lines, our export its tasks. */
  reportLine(job: ImportJob, line: ImportJob['report'][number]): string {
    const where = `${job.source === 'todoist-csv' ? 'Line' : 'Task'} ${line.row}${line.column ? `, ${line.column}` : ''}`;
    return `${where}: ${line.outcome === 'skipped' ? 'not imported' : 'imported'} — ${line.message}`;
  }

  async download(format: 'json' | 'csv'): Promise<void> {
    this.error.set(null);
    try {
      const day = new Date(this.clock.now()).toISOString().slice(0, 10);
      const name = format === 'json' ? `todo-export-${day}.json` : `todo-tasks-${day}.csv`;
      this.save(await this.api.download(format), name);
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }

  choose(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
    this.error.set(null);
  }

  async startImport(): Promise<void> {
    const file = this.file();
    if (!file) return;
    const kind = importKindOf(file);
    if (!kind) {
      this.error.set('Choose a .csv file exported from Todoist or a .json file exported from this app.');
      return;
    }
    this.error.set(null);
    try {
      let job = await this.api.startImport(kind, file);
      this.job.set(job);
      while (job.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        job = await this.api.job(job.id);
        this.job.set(job);
      }
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }
}
