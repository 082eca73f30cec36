import { IMPORT_REPORT_MAX, type ImportJob, type ImportReportLine, type ImportSource } from '@todo/contracts';
import type { Knex } from '@todo/platform';

interface JobRow {
  id: string;
  user_id: string;
  source: ImportSource;
  status: ImportJob['status'];
  total: number;
  processed: number;
  created: number;
  unchanged: number;
  report: ImportReportLine[];
  report_omitted: number;
  created_at: Date;
  finished_at: Date | null;
}

export interface JobProgress {
  processed: number;
  created: number;
  unchanged: number;
  report: ImportReportLine[];
}

const toJob = (row: JobRow): ImportJob => ({
  id: row.id,
  source: row.source,
  status: row.status,
  total: row.total,
  processed: row.processed,
  created: row.created,
  unchanged: row.unchanged,
  report: row.report.slice(0, IMPORT_REPORT_MAX),
  reportOmitted: row.report_omitted + Math.max(0, row.report.length - IMPORT_REPORT_MAX),
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

/** The `data_import_jobs` table: an import's progress and report, readable from any instance. */
export class ImportJobs {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async start(job: {
    id: string;
    userId: string;
    source: ImportSource;
    total: number;
    report: ImportReportLine[];
    now: Date;
  }): Promise<ImportJob> {
    const [row]: JobRow[] = await this.knex('data_import_jobs')
      .insert({
        id: job.id,
        user_id: job.userId,
        source: job.source,
        status: 'running',
        total: job.total,
        processed: 0,
        created: 0,
        unchanged: 0,
        report: JSON.stringify(job.report.slice(0, IMPORT_REPORT_MAX)),
        report_omitted: Math.max(0, job.report.length - IMPORT_REPORT_MAX),
        created_at: job.now,
      })
      .returning('*');
    return toJob(row!);
  }

  /** Progress so far; `report` is the whole report up to now (kept to its bound). */
  async progress(id: string, progress: JobProgress): Promise<void> {
    await this.knex('data_import_jobs')
      .where({ id })
      .update({
        processed: progress.processed,
        created: progress.created,
        unchanged: progress.unchanged,
        report: JSON.stringify(progress.report.slice(0, IMPORT_REPORT_MAX)),
        report_omitted: Math.max(0, progress.report.length - IMPORT_REPORT_MAX),
      });
  }

  async finish(id: string, status: 'done' | 'failed', progress: JobProgress, now: Date): Promise<void> {
    await this.progress(id, progress);
    await this.knex('data_import_jobs').where({ id }).update({ status, finished_at: now });
  }

  /** The user's job; another user's looks exactly like a missing one. */
  async get(userId: string, id: string): Promise<ImportJob | null> {
    const row: JobRow | undefined = await this.knex('data_import_jobs')
      .where({ id, user_id: userId })
      .first();
    return row ? toJob(row) : null;
  }
}
