import { upcastEnvelope, type AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.ts';
import { counter } from '../metrics.ts';
import { classifyFailure, type FailureKind } from './failure-kind.ts';
import { storableText } from './storable.ts';
import {
  insertQuarantined,
  orderKeyOf,
  parkedFromJson,
  parkedKeys,
  parkedKeysSql,
  type OrderBy,
  type QuarantinedRow,
} from './quarantine-store.ts';

export const quarantinedTotal = counter(
  'todo_consumer_quarantined_events_total',
  'Events a consumer could not apply and set aside (quarantined or parked behind one).',
);
export const quarantineRetriedTotal = counter(
  'todo_consumer_quarantine_retried_total',
  'Quarantined events re-applied by an operator retry, by outcome.',
);

/** How a consumer applies events; its effects go through `trx`. */
export type ApplyEvents = (events: AnyEnvelope[], trx: Knex.Transaction) => Promise<void>;

export interface QuarantineOptions {
  consumer: string;
  logger: Logger;
  clock?: Clock;
  /** An event whose failure is not known to be transient is quarantined after this many. */
  maxAttempts?: number;
  classify?: (error: unknown) => FailureKind;
  orderBy?: OrderBy;
  /** Called in the same transaction with the events set aside (e.g. to count them as done). */
  onQuarantined?: ApplyEvents;
}

export interface IsolatedOutcome {
  /** Events dealt with, from the start: applied, quarantined or parked. */
  done: number;
  /** Set when the event at `done` failed and must be tried again later (it blocks the rest). */
  stalled: { error: unknown } | null;
}

interface Failures {
  attempts: number;
  first: Date;
}

const MAX_TRACKED = 10_000;
const message = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * The one quarantine policy of every consumer (the PostgreSQL, Kafka and Dapr event logs,
 * and through them the projection, the sagas and the relay). A consumer applies a batch as
 * a whole; only when that fails does it come here, to apply the events one by one, each in a
 * savepoint:
 * - an event that applies is kept;
 * - an event that fails for a transient reason stops the pass (retried later, never set aside);
 * - an event that fails on its own with a poison error, or `maxAttempts` times, is
 *   quarantined: recorded with its error, counted, logged at error level, skipped;
 * - a later event with the same order key (its stream; its user for the relay) is parked
 *   behind the first rather than applied out of order. Other keys flow on.
 */
export class QuarantinePolicy {
  readonly consumer: string;
  readonly orderBy: OrderBy;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  private readonly classifyError: (error: unknown) => FailureKind;
  private readonly onQuarantined: ApplyEvents | undefined;
  private readonly failures = new Map<string, Failures>();

  constructor(options: QuarantineOptions) {
    this.consumer = options.consumer;
    this.orderBy = options.orderBy ?? 'stream';
    this.log = options.logger.child({ consumer: options.consumer, component: 'quarantine' });
    this.clock = options.clock ?? systemClock;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.classifyError = options.classify ?? classifyFailure;
    this.onQuarantined = options.onQuarantined;
  }

  classify(error: unknown): FailureKind {
    return this.classifyError(error);
  }

  keyOf(event: AnyEnvelope): string {
    return orderKeyOf(event, this.orderBy);
  }

  /** The keys of these events that are parked (have quarantined events), with their heads. */
  parked(trx: Knex.Transaction, events: AnyEnvelope[]): Promise<Map<string, string>> {
    return parkedKeys(trx, this.consumer, this.keysOf(events));
  }

  /**
   * `parked` for these events as a scalar subquery of a larger statement, and how to read
   * its value for some of them (as `parked` of those would answer).
   */
  parkedQuery(events: AnyEnvelope[]): {
    sql: string;
    bindings: readonly Knex.RawBinding[];
    read(value: unknown, among: AnyEnvelope[]): Map<string, string>;
  } {
    const { sql, bindings } = parkedKeysSql(this.consumer, this.keysOf(events));
    return {
      sql,
      bindings,
      read: (value, among) => {
        const wanted = new Set(this.keysOf(among).map(storableText));
        return new Map([...parkedFromJson(value)].filter(([key]) => wanted.has(key)));
      },
    };
  }

  private keysOf(events: AnyEnvelope[]): string[] {
    return [...new Set(events.map((e) => this.keyOf(e)))];
  }

  /**
   * Applies `events` one by one in savepoints of `trx`, quarantining what cannot be applied
   * (see the class comment). `parked` are keys known to be parked already.
   */
  async applyIsolated(
    trx: Knex.Transaction,
    events: AnyEnvelope[],
    apply: ApplyEvents,
    cursorOf: (index: number) => string,
    parked: Map<string, string> = new Map(),
  ): Promise<IsolatedOutcome> {
    const heads = new Map(parked);
    const rechecked = new Set<string>();
    const setAside: AnyEnvelope[] = [];
    try {
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        const key = this.keyOf(event);
        if (heads.has(key) && !rechecked.has(key)) {
          // A retry may be re-applying this key right now: wait for it, then look again.
          rechecked.add(key);
          await this.lockKey(trx, key);
          const still = await parkedKeys(trx, this.consumer, [key]);
          if (still.has(key)) heads.set(key, still.get(key)!);
          else heads.delete(key);
        }
        const head = heads.get(key);
        if (head !== undefined) {
          const now = this.clock.now();
          await this.quarantine(trx, event, cursorOf(i), {
            error: `parked behind quarantined event ${head} of the same ${this.orderBy}`,
            attempts: 0,
            blockedBy: head,
            first: now,
            last: now,
          });
          setAside.push(event);
          continue;
        }
        try {
          await trx.transaction((sp) => apply([event], sp));
          this.failures.delete(event.id);
          continue;
        } catch (error) {
          const kind = this.classify(error);
          if (kind === 'transient') return { done: i, stalled: { error } };
          if (!(await this.failedAlone(trx, event, error, kind, cursorOf(i))))
            return { done: i, stalled: { error } };
          heads.set(key, event.id);
          rechecked.add(key);
          setAside.push(event);
        }
      }
      return { done: events.length, stalled: null };
    } finally {
      await this.afterQuarantine(setAside, trx);
    }
  }

  /**
   * Counts a failure of `event` applied on its own; quarantines it (true) when the failure is
   * poison or it has failed `maxAttempts` times, otherwise (false) it is to be tried again.
   * For a consumer that is handed one event at a time (Dapr), with no batch to isolate.
   */
  async failedAlone(
    trx: Knex.Transaction,
    event: AnyEnvelope,
    error: unknown,
    kind: FailureKind,
    cursor: string,
  ): Promise<boolean> {
    const seen = this.noteFailure(event.id);
    if (kind === 'transient' || (kind !== 'poison' && seen.attempts < this.maxAttempts)) {
      this.log.warn(
        { err: error, eventId: event.id, attempts: seen.attempts },
        'event failed on its own; retrying before it is quarantined',
      );
      return false;
    }
    this.failures.delete(event.id);
    await this.quarantine(trx, event, cursor, {
      error: message(error),
      attempts: seen.attempts,
      blockedBy: null,
      first: seen.first,
      last: this.clock.now(),
    });
    return true;
  }

  /** Tells the consumer about events set aside (its `onQuarantined`), in the same transaction. */
  async afterQuarantine(events: AnyEnvelope[], trx: Knex.Transaction): Promise<void> {
    if (events.length > 0 && this.onQuarantined) await this.onQuarantined(events, trx);
  }

  private noteFailure(eventId: string): Failures {
    const known = this.failures.get(eventId);
    const next = known
      ? { attempts: known.attempts + 1, first: known.first }
      : { attempts: 1, first: this.clock.now() };
    if (!known && this.failures.size >= MAX_TRACKED) this.failures.clear();
    this.failures.set(eventId, next);
    return next;
  }

  private async quarantine(
    trx: Knex.Transaction,
    event: AnyEnvelope,
    cursor: string,
    f: { error: string; attempts: number; blockedBy: string | null; first: Date; last: Date },
  ): Promise<void> {
    await insertQuarantined(trx, {
      consumer: this.consumer,
      event,
      orderBy: this.orderBy,
      cursor,
      error: f.error,
      attempts: f.attempts,
      blockedBy: f.blockedBy,
      firstFailedAt: f.first,
      lastFailedAt: f.last,
    });
    quarantinedTotal.inc({ consumer: this.consumer });
    this.log.error(
      {
        eventId: event.id,
        streamId: event.subject,
        userId: event.userid,
        type: event.type,
        cursor,
        attempts: f.attempts,
        blockedBy: f.blockedBy,
        error: f.error,
      },
      f.blockedBy ? 'event parked behind a quarantined event' : 'event quarantined; the consumer goes on',
    );
  }

  /** Serialises a retry of a key with a consumer deciding to park behind it. */
  private async lockKey(trx: Knex.Transaction, key: string): Promise<void> {
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 2))', [`${this.consumer}|${key}`]);
  }

  /**
   * Re-applies the rows an operator flagged for retry, key by key in order, through the
   * consumer's own `apply`. An event that applies leaves the quarantine; the first that
   * fails stays (attempts + 1, its new error) and keeps the rest of its key parked behind it.
   */
  async retryFlagged(
    trx: Knex.Transaction,
    apply: ApplyEvents,
  ): Promise<{ applied: number; failed: number }> {
    const flagged: { order_key: string }[] = await trx('quarantined_events')
      .where({ consumer: this.consumer })
      .whereNotNull('retry_requested_at')
      .distinct('order_key');
    let applied = 0;
    let failed = 0;
    for (const { order_key: key } of flagged) {
      await this.lockKey(trx, key);
      const rows: QuarantinedRow[] = await trx('quarantined_events')
        .where({ consumer: this.consumer, order_key: key })
        .orderBy('user_seq')
        .select('*');
      // Another instance of this consumer may have retried the key while we waited for its
      // lock (it clears the flag either way): then there is nothing left to do here.
      if (!rows.some((r) => r.retry_requested_at !== null)) continue;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const event = upcastEnvelope(row.envelope);
        try {
          await trx.transaction((sp) => apply([event], sp));
          await trx('quarantined_events').where({ consumer: this.consumer, event_id: row.event_id }).delete();
          quarantineRetriedTotal.inc({ consumer: this.consumer, outcome: 'applied' });
          applied++;
        } catch (error) {
          failed++;
          quarantineRetriedTotal.inc({ consumer: this.consumer, outcome: 'failed' });
          this.log.error({ err: error, eventId: row.event_id }, 'retry of a quarantined event failed; kept');
          await trx('quarantined_events')
            .where({ consumer: this.consumer, event_id: row.event_id })
            .update({
              attempts: row.attempts + 1,
              error: message(error).slice(0, 4000),
              last_failed_at: this.clock.now(),
              blocked_by: null,
              retry_requested_at: null,
            });
          const rest = rows.slice(i + 1).map((r) => r.event_id);
          if (rest.length > 0) {
            await trx('quarantined_events')
              .where({ consumer: this.consumer })
              .whereIn('event_id', rest)
              .update({ blocked_by: row.event_id, retry_requested_at: null });
          }
          break;
        }
      }
    }
    return { applied, failed };
  }
}

/** The policy of a consumer, from the options it subscribed with. */
export function policyFor(
  consumer: string,
  logger: Logger,
  options: Omit<QuarantineOptions, 'consumer' | 'logger'>,
): QuarantinePolicy {
  return new QuarantinePolicy({
    consumer,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.classify ? { classify: options.classify } : {}),
    ...(options.orderBy ? { orderBy: options.orderBy } : {}),
    ...(options.onQuarantined ? { onQuarantined: options.onQuarantined } : {}),
  });
}
