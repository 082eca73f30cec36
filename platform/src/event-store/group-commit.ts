/** What a batch answers for each of its requests, in the same order. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions<R, T> {
  /** Writes the requests together; must answer each one (never reject as a whole). */
  commit(requests: R[]): Promise<Outcome<T>[]>;
  /** At most this many requests in one batch. */
  maxBatch: number;
  /** At most this many batches being written at once. */
  maxInFlight: number;
}

/**
 * Group commit without a fixed delay: a request that arrives while fewer than `maxInFlight`
 * batches are being written goes out at once (with whatever arrived in the same turn of the
 * event loop); requests that arrive while all are busy wait and go together in the next
 * batch as soon as one finishes. So a lone request pays nothing, and under load one
 * transaction carries many requests. Each request keeps its own outcome.
 */
export class GroupCommit<R, T> {
  private readonly queue: { request: R; resolve(value: T): void; reject(error: unknown): void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  private readonly options: GroupCommitOptions<R, T>;

  constructor(options: GroupCommitOptions<R, T>) {
    this.options = options;
  }

  submit(request: R): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Drains after the current turn's other submissions (a microtask, not a timer): callers
   * resumed by the same finished batch submit their next requests in that turn.
   */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.write(batch);
    }
  }

  private async write(batch: GroupCommit<R, T>['queue']): Promise<void> {
    let outcomes: Outcome<T>[];
    try {
      outcomes = await this.options.commit(batch.map((b) => b.request));
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    this.inFlight--;
    batch.forEach((b, i) => {
      const outcome = outcomes[i] ?? {
        ok: false,
        error: new Error('the batch gave no outcome for this request'),
      };
      if (outcome.ok) b.resolve(outcome.value);
      else b.reject(outcome.error);
    });
    this.schedule();
  }
}
