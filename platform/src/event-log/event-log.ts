import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';

/**
 * A place in the global log. On PostgreSQL the log order is (transaction id, position):
 * a transaction's id is fixed before it commits, so nothing can appear behind a cursor.
 */
export interface LogCursor {
  transactionId: string;
  position: string;
}

export const LOG_START: LogCursor = { transactionId: '0', position: '0' };

/** What a consumer does with a batch; its effects go through `trx`, with the checkpoint. */
export type BatchHandler = (events: AnyEnvelope[], trx: Knex.Transaction) => Promise<void>;

export interface SubscribeOptions {
  batchSize?: number;
  /**
   * The handler only writes data derived from the log, so its transactions may commit
   * without waiting for their WAL flush. (The PostgreSQL log commits every consumer that
   * way: the event store makes a transaction that appends to the log durable itself.)
   */
  derivedEffectsOnly?: boolean;
}

export interface Subscription {
  /** Resolves once the consumer has read everything committed before the call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The global, ordered log: named consumers with checkpoints kept with their effects. An
 * adapter may give its subscriptions more to say (the Kafka one: when it joined its group).
 */
export interface EventLog<S extends Subscription = Subscription> {
  subscribe(consumer: string, handler: BatchHandler, options?: SubscribeOptions): S;
}
