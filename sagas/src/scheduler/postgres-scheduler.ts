import { listen, systemClock, type Clock, type Knex, type Logger } from '@todo/platform';
import { fireTogether, prepareFirings } from './fire-together.ts';
import { lockOwners, overtaken } from './owner-locks.ts';
import { Alarm } from './alarm.ts';
import type { DueJob, JobHandler, JobSpec, Scheduler, WriteOptions } from './scheduler.ts';
import { realTimers, type Timers } from './timers.ts';

export const TIMERS_CHANNEL = 'todo_timers';
/** A safety net only: precise wake-ups come from the table and from NOTIFY. */
export const IDLE_RECHECK_MS = 30_000;
const MAX_RETRY_DELAY_MS = 5 * 60_000;

export interface FiredJob {
  job: DueJob;
  firedAt: Date;
}

export interface PostgresSchedulerOptions {
  knex: Knex;
  connectionString: string;
  logger: Logger;
  clock?: Clock;
  /** How the loops sleep until the next due job; tests pass manual time with their clock. */
  timers?: Timers;
  /** Loops claiming due jobs in this process (they share work through SKIP LOCKED); default 4. */
  workers?: number;
  /** Most jobs claimed per transaction; default 10. */
  batchSize?: number;
  /** Called after a batch of firings has committed: metrics and the benchmark hook here. */
  onCommitted?: (fired: FiredJob[], committedAt: Date) => void;
}

interface JobRow {
  name: string;
  due_at: Date;
  data: Record<string, unknown>;
  attempts: number;
}

/**
 * Durable timers in PostgreSQL. A job is a row; an instance arms an in-process timer for
 * the earliest row (re-armed by NOTIFY when someone schedules an earlier one), and when it
 * goes off, claims the due rows `FOR UPDATE SKIP LOCKED`, hands each to the handler inside
 * that transaction and deletes it there. So several instances never fire the same job, a
 * crash mid-firing rolls back and the job fires after restart, and what fell due while
 * everything was down fires right at start. "Due" is judged by the app clock that also
 * stamps `firedAt`, so a job is never handed over before its instant.
 */
export class PostgresScheduler implements Scheduler {
  /** Its writes run in the caller's transaction, on that one connection. */
  readonly concurrentWrites = 1;
  private readonly knex: Knex;
  private readonly connectionString: string;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly workers: number;
  private readonly batchSize: number;
  private readonly onCommitted: PostgresSchedulerOptions['onCommitted'];
  /** Wakes the timer loop: an earlier job was scheduled. */
  private readonly alarm: Alarm;
  /** Wakes the helper loops: there is a backlog. */
  private readonly helpers: Alarm;
  private running = false;
  private loops: Promise<void>[] = [];
  private listener: { close(): Promise<void> } | null = null;
  /** The instant the sleeping loops will next look at the table. */
  private armedFor = Infinity;

  constructor(options: PostgresSchedulerOptions) {
    this.knex = options.knex;
    this.connectionString = options.connectionString;
    this.log = options.logger.child({ component: 'postgres-scheduler' });
    this.clock = options.clock ?? systemClock;
    this.alarm = new Alarm(options.timers ?? realTimers);
    this.helpers = new Alarm(options.timers ?? realTimers);
    this.workers = options.workers ?? 4;
    // Up to 10 due jobs per transaction: when jobs come one by one a batch is one job (its
    // commit waits for no other), and under a burst batching halves the work per firing
    // (fewer commits), which is what keeps a backlog, and so the tail, from building up.
    this.batchSize = options.batchSize ?? 10;
    this.onCommitted = options.onCommitted;
  }

  async schedule(job: JobSpec, options: WriteOptions = {}): Promise<void> {
    const db = options.transaction ?? this.knex;
    await db.raw(
      `insert into scheduled_jobs (name, due_at, data) values (?, ?, ?)
       on conflict (name) do update
         set due_at = excluded.due_at, data = excluded.data, attempts = 0, scheduled_at = now()`,
      [job.name, job.dueAt, JSON.stringify(job.data)],
    );
    // Delivered on commit, to every instance: an earlier job re-arms their timers.
    await db.raw('select pg_notify(?, ?)', [TIMERS_CHANNEL, String(job.dueAt.getTime())]);
    if (job.dueAt.getTime() < this.armedFor) this.alarm.ring();
  }

  async cancel(name: string, options: WriteOptions = {}): Promise<void> {
    const db = options.transaction ?? this.knex;
    await db('scheduled_jobs').where({ name }).delete();
  }

  async start(handler: JobHandler): Promise<void> {
    if (this.running) throw new Error('scheduler already started');
    this.running = true;
    try {
      this.listener = await listen(
        this.connectionString,
        TIMERS_CHANNEL,
        (payload) => {
          const due = Number(payload);
          if (!Number.isFinite(due) || due < this.armedFor) this.alarm.ring();
        },
        (err) => this.log.warn({ err }, 'timer LISTEN connection error'),
      );
    } catch (err) {
      this.log.warn({ err }, 'LISTEN unavailable: only this instance’s own schedules re-arm its timer');
    }
    this.loops = Array.from({ length: this.workers }, (_, i) => this.loop(handler, i));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.alarm.ring();
    this.helpers.ring();
    await Promise.all(this.loops);
    await this.listener?.close();
    this.listener = null;
  }

  /**
   * Loop 0 keeps the timer: it sleeps until the earliest job and fires what is due. The
   * other loops are helpers, woken only when a batch came back full (a backlog), so one
   * due job does not wake every loop to race for it.
   */
  private async loop(handler: JobHandler, index: number): Promise<void> {
    let errorDelay = 50;
    while (this.running) {
      const alarm = index === 0 ? this.alarm : this.helpers;
      const ticket = alarm.ticket();
      try {
        const claimed = await this.fireDue(handler);
        errorDelay = 50;
        if (claimed === this.batchSize) {
          this.helpers.ring();
          continue;
        }
        if (index !== 0) {
          await alarm.sleep(IDLE_RECHECK_MS, ticket);
          continue;
        }
        const next = await this.nextDue();
        const now = this.clock.now().getTime();
        // Rows due but still claimed by a helper: look again very soon, not in a spin.
        const wait = next === null ? IDLE_RECHECK_MS : Math.max(claimed === 0 ? 2 : 0, next - now);
        this.armedFor = now + wait;
        await alarm.sleep(Math.min(wait, IDLE_RECHECK_MS), ticket);
        this.armedFor = Infinity;
      } catch (err) {
        this.log.error({ err }, 'firing due jobs failed; retrying');
        await new Promise((r) => setTimeout(r, errorDelay));
        errorDelay = Math.min(errorDelay * 2, 5000);
      }
    }
  }

  private async nextDue(): Promise<number | null> {
    const row = await this.knex('scheduled_jobs').min({ due: 'due_at' }).first();
    return row?.due ? new Date(row.due).getTime() : null;
  }

  private async fireDue(handler: JobHandler): Promise<number> {
    const fired: FiredJob[] = [];
    const claimed = await this.knex.transaction(async (trx) => {
      const rows: JobRow[] = await trx('scheduled_jobs')
        .select('name', 'due_at', 'data', 'attempts')
        .where('due_at', '<=', this.clock.now())
        .orderBy('due_at')
        .limit(this.batchSize)
        .forUpdate()
        .skipLocked();
      // The rows' locks gave this transaction its id before the owners' append locks; taking
      // all of those at once, right away, keeps the window in which another transaction of an
      // owner can overtake it (and have the firing refused, see below) one round trip short.
      const ordered = await lockOwners(trx, rows, (row) => row);
      const firings = ordered.map((row) => ({
        row,
        job: { name: row.name, dueAt: row.due_at, data: row.data, attempts: row.attempts },
        firedAt: this.clock.now(),
      }));
      const prepared = await prepareFirings(
        trx,
        handler,
        firings.map((f) => f.job),
      );
      const outcomes = await fireTogether(trx, firings, (firing, transaction) => {
        firing.firedAt = this.clock.now();
        return handler(firing.job, { firedAt: firing.firedAt, transaction, prepared });
      });
      for (const outcome of outcomes) {
        const { row, job, firedAt } = outcome.item;
        if (outcome.ok) {
          fired.push({ job, firedAt });
          continue;
        }
        if (overtaken(outcome.error)) {
          // This transaction took its id (locking the rows) before the owner's lock, and a
          // later transaction of the owner committed meanwhile: the event store refuses the
          // firing so that the owner's events stay in order. Not a failure: fire it again at
          // once, in a new transaction.
          await trx('scheduled_jobs').where({ name: row.name }).update({ due_at: firedAt });
          continue;
        }
        const delay = Math.min(100 * 2 ** row.attempts, MAX_RETRY_DELAY_MS);
        this.log.error(
          { err: outcome.error, job: row.name, attempts: row.attempts + 1 },
          'job failed; will retry',
        );
        await trx('scheduled_jobs')
          .where({ name: row.name })
          .update({ attempts: row.attempts + 1, due_at: new Date(firedAt.getTime() + delay) });
      }
      if (fired.length > 0) {
        await trx('scheduled_jobs')
          .whereIn(
            'name',
            fired.map((f) => f.job.name),
          )
          .delete();
      }
      return rows.length;
    });
    if (fired.length > 0) this.onCommitted?.(fired, this.clock.now());
    return claimed;
  }
}
