import type { Clock, Knex } from '@todo/platform';
import { fireTogether, prepareFirings } from './fire-together.ts';
import { lockOwners } from './owner-locks.ts';
import type { DueJob, JobHandler } from './scheduler.ts';

interface Waiting {
  job: DueJob;
  fired(): void;
  failed(error: unknown): void;
}

/**
 * Fires the jobs the Dapr sidecar calls back with, in batches: whatever callbacks are
 * waiting go into one transaction (at most `batchSize`), their owners' locks taken first in
 * one order (owner-locks.ts), fired together (fire-together.ts), as the PostgreSQL scheduler
 * fires its due rows. A callback is answered once its batch has committed; a firing that
 * failed (or a batch whose commit failed) fails its callbacks, which Dapr then retries.
 *
 * Why not each callback on its own: the scheduler triggers a burst of due jobs all at once
 * (up to 1,024 in flight per sidecar), and each firing alone is a read and an append of its
 * own on the service's small pool. Firings of one user contend for the user's append lock,
 * lose races and retry; the callbacks queue for connections for seconds, and the reminders
 * come late or not within a window at all. One batch at a time holds one connection and
 * commits many firings at once.
 */
export class CallbackBatches {
  private readonly knex: Knex;
  private readonly clock: Clock;
  private readonly batchSize: number;
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(knex: Knex, clock: Clock, batchSize = 100) {
    this.knex = knex;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /** Resolves once the job's firing has committed; rejects when it must be tried again. */
  fire(job: DueJob, handler: JobHandler): Promise<void> {
    return new Promise<void>((fired, failed) => {
      this.waiting.push({ job, fired, failed });
      if (!this.draining) void this.drain(handler);
    });
  }

  private async drain(handler: JobHandler): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.fireBatch(this.waiting.splice(0, this.batchSize), handler);
    } finally {
      this.draining = false;
    }
  }

  private async fireBatch(batch: Waiting[], handler: JobHandler): Promise<void> {
    const fired: Waiting[] = [];
    const failed: Array<{ waiting: Waiting; error: unknown }> = [];
    try {
      await this.knex.transaction(async (trx) => {
        const ordered = await lockOwners(trx, batch, (w) => w.job);
        const prepared = await prepareFirings(
          trx,
          handler,
          ordered.map((w) => w.job),
        );
        const outcomes = await fireTogether(trx, ordered, (waiting, transaction) =>
          handler(waiting.job, { firedAt: this.clock.now(), transaction, prepared }),
        );
        for (const outcome of outcomes) {
          if (outcome.ok) fired.push(outcome.item);
          else failed.push({ waiting: outcome.item, error: outcome.error });
        }
      });
    } catch (error) {
      // Nothing of the batch committed: every callback of it is tried again.
      fired.length = 0;
      const already = new Set(failed.map((f) => f.waiting));
      for (const waiting of batch) if (!already.has(waiting)) failed.push({ waiting, error });
    }
    for (const waiting of fired) waiting.fired();
    for (const { waiting, error } of failed) waiting.failed(error);
  }
}
