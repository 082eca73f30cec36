import type { AnyEnvelope } from '@todo/contracts';

/** An event as the decider produced it; a fixed `id` makes a retried saga step idempotent. */
export interface NewTaskEvent {
  type: string;
  data: unknown;
  id?: string;
}

export interface AppendContext {
  userId: string;
  source: string;
  correlationId: string;
  causationId?: string | null;
}

/**
 * What the write path needs of an event store, declared here so that the domain depends on
 * no adapter: platform's `EventStore` port (and so `PostgresEventStore`) is one as it is.
 * An append that finds the stream moved on rejects with contracts' `ConcurrencyError`. To write
 * inside a caller's transaction, the caller hands in the store bound to it (`store.in(trx)`).
 */
export interface TaskEventStore {
  /** `userId` is the stream's owner, null when the stream does not exist. */
  readStream(streamId: string): Promise<{ userId: string | null; version: number; events: AnyEnvelope[] }>;
  /** expectedVersion 0 creates the stream; any other value must equal the current version. */
  append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewTaskEvent[],
    context: AppendContext,
  ): Promise<{ version: number; events: readonly { id: string }[] }>;
}
