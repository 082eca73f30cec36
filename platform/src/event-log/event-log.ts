import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { FailureKind } from '../quarantine/failure-kind.ts';
import type { OrderBy } from '../quarantine/quarantine-store.ts';
import type { BatchWrites } from './batch-writes.ts';

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

/**
 * Reads what a batch needs (through `db`: the pool, outside any transaction, on the PostgreSQL
 * log; the delivery's transaction, after its claim, on the Dapr one) and answers its effects
 * as statements, or null to have the batch applied by the handler. Must write exactly what the
 * handler would. `prefetched[i]`: the value of the subscription's `prefetch` for `events[i]`.
 */
export type BatchPlanner = (
  events: AnyEnvelope[],
  db: Knex,
  prefetched: unknown[],
) => Promise<BatchWrites | null>;

export interface SubscribeOptions {
  batchSize?: number;
  /**
   * How long a drain woken after a quiet spell waits before it reads (PostgreSQL log; default
   * 0): for a consumer off the realtime path, so that its batch does not compete for the
   * machine's cores with the projection and the realtime fan-out of the same write.
   */
  wakeDelayMs?: number;
  /**
   * The handler only writes data derived from the log, so its transactions may commit
   * without waiting for their WAL flush. (The PostgreSQL log commits every consumer that
   * way: the event store makes a transaction that appends to the log durable itself.)
   */
  derivedEffectsOnly?: boolean;
  /**
   * The same effects as the handler's, planned outside the consumer's transaction: the
   * PostgreSQL log then commits a plain batch (no quarantined event in it, no operator retry
   * pending) in one autocommit statement with its checkpoint, instead of a transaction of
   * several round trips; see consumer-advance-function.ts. Other logs use the handler.
   */
  plan?: BatchPlanner;
  /**
   * With `plan`: an SQL expression the PostgreSQL log evaluates for each event in the read of a
   * planned batch (the event's row is `events`), e.g. the current row its effect builds on as
   * JSON, so that the plan need not read it in a round trip of its own.
   */
  prefetch?: string;
  /**
   * What the consumer keeps in order when an event is quarantined: later events of the same
   * stream (default) or of the same user (the relay, whose topic is keyed by user) are
   * parked behind it. See platform/src/quarantine.
   */
  orderBy?: OrderBy;
  /** Which failures are the infrastructure's (retried, never quarantined); see failure-kind.ts. */
  classify?: (error: unknown) => FailureKind;
  /** Failures (not known to be transient) of one event before it is quarantined; default 3. */
  maxAttempts?: number;
  /** Called in the consumer's transaction with events set aside, e.g. to count them as done. */
  onQuarantined?: BatchHandler;
  clock?: Clock;
  /**
   * PostgreSQL log: while events keep coming, drains start at most this often (default 15 ms;
   * a drain after a quiet spell starts at once). A consumer whose effects need not follow
   * within milliseconds takes fewer, larger batches: a transaction less per few events.
   */
  minDrainSpacingMs?: number;
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
