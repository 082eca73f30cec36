import type { Knex } from '@todo/platform';

/**
 * The Scheduler port: run a named job at an instant, at least not before it. Scheduling a
 * name again replaces the job (reschedule); cancelling an unknown name is a no-op.
 * Adapters: PostgreSQL durable timers (one machine) and the Dapr Jobs API (cluster).
 */
export interface JobSpec {
  name: string;
  dueAt: Date;
  data: Record<string, unknown>;
}

export interface DueJob extends JobSpec {
  /** Earlier attempts that failed (0 on the first). */
  attempts: number;
}

export interface FireContext {
  /** When the adapter handed the job over: never before `dueAt`. */
  firedAt: Date;
  /**
   * The adapter's transaction when it has one (PostgreSQL): effects written through it
   * commit together with the job's removal, so a crash can neither lose nor repeat them.
   */
  transaction?: Knex.Transaction;
  /** What the handler's `prepare` read for the firing's batch, when it has one. */
  prepared?: unknown;
}

export interface JobHandler {
  (job: DueJob, context: FireContext): Promise<void>;
  /**
   * Reads, in the batch's transaction and in one go, what a batch of firings will read one
   * by one (an adapter that fires in batches calls it once its owners' locks are taken).
   */
  prepare?(jobs: readonly DueJob[], transaction: Knex.Transaction): Promise<unknown>;
}

export interface WriteOptions {
  /** Schedule or cancel inside the caller's transaction, where the adapter supports it. */
  transaction?: Knex.Transaction;
}

export interface Scheduler {
  /**
   * How many schedule or cancel calls a caller may have in flight at once: 1 where they run
   * in the caller's transaction (its one connection runs one query at a time; pg queues the
   * rest, and pg 9 will refuse them), more where each call is a round trip of its own.
   */
  readonly concurrentWrites: number;
  schedule(job: JobSpec, options?: WriteOptions): Promise<void>;
  cancel(name: string, options?: WriteOptions): Promise<void>;
  /** Starts delivering due jobs to the handler (jobs already overdue come first). */
  start(handler: JobHandler): Promise<void>;
  stop(): Promise<void>;
}
