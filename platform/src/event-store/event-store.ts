import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';

// Defined in contracts, so that the domain's write path can catch it without this package.
export { ConcurrencyError } from '@todo/contracts';

/** An event as a decider produces it, before the store gives it a place in the log. */
export interface NewEvent {
  type: string;
  data: unknown;
  /** Optional fixed id: a saga that retries sends the same id and the store refuses a repeat. */
  id?: string;
}

export interface AppendOptions {
  userId: string;
  source: string;
  correlationId: string;
  causationId?: string | null;
}

export interface StoredStream {
  /** The owner, or null when the stream does not exist. */
  userId: string | null;
  version: number;
  events: AnyEnvelope[];
}

export interface AppendResult {
  version: number;
  events: AnyEnvelope[];
}

/** The write side's store: per-stream optimistic concurrency, one global log. */
export interface EventStore {
  readStream(streamId: string): Promise<StoredStream>;
  /**
   * Several streams in one read (a consumer's batch touches many): each id (a UUID, as the
   * log spells it) maps to what `readStream` would answer for it, a missing stream included.
   */
  readStreams(streamIds: readonly string[]): Promise<Map<string, StoredStream>>;
  /** expectedVersion 0 creates the stream; any other value must equal the current version. */
  append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * The same store inside the caller's transaction (e.g. with an idempotency record, or a
   * consumer's batch): reads see its writes, appends commit with it. A refused append (a
   * ConcurrencyError, a DuplicateEventError) leaves the transaction usable.
   */
  in(transaction: Knex.Transaction): EventStore;
}

/** An event id that is already in the log: the write was done before (idempotent retry). */
export class DuplicateEventError extends Error {
  constructor(eventId: string) {
    super(`event ${eventId} is already in the log`);
    this.name = 'DuplicateEventError';
  }
}
