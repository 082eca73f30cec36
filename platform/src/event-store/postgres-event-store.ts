import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  ConcurrencyError,
  DuplicateEventError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type StoredStream,
} from './event-store.ts';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from './event-row.ts';
import { signalLocalAppend } from './local-appends.ts';

export const EVENTS_CHANNEL = 'todo_events';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

interface AppendRow {
  outcome: 'ok' | 'conflict' | 'duplicate';
  actual_version: number | null;
  position: string;
  transaction_id: string;
  user_seq: string;
  recorded_at: Date;
}

/**
 * An append is one call of the `append_events` function (append-function.ts: per-user
 * lock, version check, per-user sequence, events, durable commit). On its own it is one
 * autocommit statement, one round trip; `in(trx)` runs it inside a caller's transaction.
 */
export class PostgresEventStore implements EventStore {
  private readonly knex: Knex;
  /** The caller's transaction this store works in, or null for one transaction per append. */
  private joined: Knex.Transaction | null = null;
  private notifyPending = false;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  /**
   * This store inside the caller's transaction: reads see its writes, appends commit with it
   * (and wake subscribers when it commits). A refused append (a conflict, a repeated event id)
   * leaves the transaction usable.
   */
  in(transaction: Knex.Transaction): PostgresEventStore {
    const store = new PostgresEventStore(this.knex);
    store.joined = transaction;
    return store;
  }

  private get db(): Knex | Knex.Transaction {
    return this.joined ?? this.knex;
  }

  async readStream(streamId: string): Promise<StoredStream> {
    // One round trip: the stream row with its events (none for a stream not yet written).
    const rows: (EventRow & { owner: string; current_version: number })[] = await this.db('streams as s')
      .leftJoin('events as e', 'e.stream_id', 's.stream_id')
      .where('s.stream_id', streamId)
      .select(['s.user_id as owner', 's.version as current_version', ...EVENT_COLUMNS.map((c) => `e.${c}`)])
      .orderBy('e.stream_version');
    const first = rows[0];
    if (!first) return { userId: null, version: 0, events: [] };
    return {
      userId: first.owner,
      version: first.current_version,
      events: rows.filter((r) => r.event_id !== null).map(rowToEnvelope),
    };
  }

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const payload = events.map((e) => ({ id: e.id ?? randomUUID(), type: e.type, data: e.data }));
    const json = JSON.stringify(payload);
    let rows: AppendRow[];
    try {
      const result = await this.db.raw(
        'select * from append_events(?::uuid, ?::uuid, ?::integer, ?::jsonb, ?, ?, ?, ?, ?)',
        [
          streamId,
          options.userId,
          expectedVersion,
          json,
          options.source,
          options.correlationId,
          options.causationId ?? null,
          // Random ids cannot repeat; only ids the caller chose are looked up first.
          events.some((e) => e.id !== undefined),
          // Inside a caller's transaction the NOTIFY rides along and is sent at its commit.
          this.joined ? EVENTS_CHANNEL : null,
        ],
      );
      rows = result.rows;
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_key')) {
        throw new DuplicateEventError(events.map((e) => e.id).join(','));
      }
      if (
        isUniqueViolation(error, 'streams_pkey') ||
        isUniqueViolation(error, 'events_stream_id_stream_version_key')
      ) {
        throw new ConcurrencyError(streamId, expectedVersion, null);
      }
      throw error;
    }
    const first = rows[0]!;
    if (first.outcome === 'conflict')
      throw new ConcurrencyError(streamId, expectedVersion, first.actual_version);
    if (first.outcome === 'duplicate') throw new DuplicateEventError(events.map((e) => e.id).join(','));
    if (!this.joined) this.notifySoon();
    // What was stored is what was sent (as JSON), so the envelopes are built here rather than
    // sent back by the database.
    const stored: unknown[] = JSON.parse(json).map((e: { data: unknown }) => e.data);
    rows.sort((a, b) => (BigInt(a.user_seq) < BigInt(b.user_seq) ? -1 : 1));
    return {
      version: expectedVersion + events.length,
      events: rows.map((row, i) =>
        rowToEnvelope({
          position: row.position,
          transaction_id: row.transaction_id,
          event_id: payload[i]!.id,
          stream_id: streamId,
          stream_version: expectedVersion + i + 1,
          user_id: options.userId,
          user_seq: row.user_seq,
          type: payload[i]!.type,
          data: stored[i],
          source: options.source,
          correlation_id: options.correlationId,
          causation_id: options.causationId ?? null,
          recorded_at: row.recorded_at,
        }),
      ),
    };
  }

  /**
   * Wakes subscribers after the commit, not inside it: a NOTIFY in a transaction holds a
   * global lock through its commit (WAL flush included), which would serialise every append.
   * Appends in the same turn of the event loop share one NOTIFY; subscribers also poll, so a
   * lost one only delays them. Subscribers in this process on the same pool are woken at once
   * (local-appends.ts) and skip the NOTIFY.
   */
  private notifySoon(): void {
    const token = signalLocalAppend(this.knex);
    if (this.notifyPending) return;
    this.notifyPending = true;
    setImmediate(() => {
      this.notifyPending = false;
      this.knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, token]).catch(() => undefined);
    });
  }
}
