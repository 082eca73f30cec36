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
import { GroupCommit, type Outcome } from './group-commit.ts';
import { signalLocalAppend } from './local-appends.ts';

export const EVENTS_CHANNEL = 'todo_events';

/** Bounds of the group commit: appends per transaction, and transactions being written at once. */
const MAX_BATCH = 64;
const MAX_IN_FLIGHT = 2;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

/** One append as the store hands it to PostgreSQL: its event ids are fixed here. */
interface AppendRequest {
  streamId: string;
  expectedVersion: number;
  events: { id: string; type: string; data: unknown }[];
  checkIds: boolean;
  options: AppendOptions;
}

interface AppendRow {
  outcome: 'ok' | 'conflict' | 'duplicate';
  actual_version: number | null;
  position: string;
  transaction_id: string;
  user_seq: string;
  recorded_at: Date;
}

const eventIds = (request: AppendRequest): string => request.events.map((e) => e.id).join(',');

const settle = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * An append's answer from the rows `append_events` returned for it: a conflict or a repeated
 * id becomes the error; the envelopes are built from what was sent (as JSON: what was stored)
 * plus the position, transaction id, sequence and time the database gave each event.
 */
function toResult(request: AppendRequest, rows: AppendRow[]): AppendResult {
  const { streamId, expectedVersion, events, options } = request;
  const first = rows[0];
  if (!first) throw new Error(`append_events gave no answer for stream ${streamId}`);
  if (first.outcome === 'conflict')
    throw new ConcurrencyError(streamId, expectedVersion, first.actual_version);
  if (first.outcome === 'duplicate') throw new DuplicateEventError(eventIds(request));
  const stored: unknown[] = JSON.parse(JSON.stringify(events.map((e) => e.data)));
  const sorted = [...rows].sort((a, b) => (BigInt(a.user_seq) < BigInt(b.user_seq) ? -1 : 1));
  return {
    version: expectedVersion + events.length,
    events: sorted.map((row, i) =>
      rowToEnvelope({
        position: row.position,
        transaction_id: row.transaction_id,
        event_id: events[i]!.id,
        stream_id: streamId,
        stream_version: expectedVersion + i + 1,
        user_id: options.userId,
        user_seq: row.user_seq,
        type: events[i]!.type,
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
 * An append is one call of the `append_events` function (append-function.ts: per-user
 * lock, version check, per-user sequence, events, durable commit). On its own it is one
 * autocommit statement, one round trip; `in(trx)` runs it inside a caller's transaction.
 * Autocommit appends that arrive while others are being written are group-committed: one
 * `append_events_batch` call, one transaction, for all of them, each with its own answer.
 */
export class PostgresEventStore implements EventStore {
  private readonly knex: Knex;
  /** The caller's transaction this store works in, or null for autocommit appends. */
  private joined: Knex.Transaction | null = null;
  /** A NOTIFY is queued or being sent; `notifyAgain`: an append committed since it was sent. */
  private notifying = false;
  private notifyAgain = false;
  /** Autocommit appends that arrive together share one transaction (group-commit.ts). */
  private readonly groupCommit = new GroupCommit<AppendRequest, AppendResult>({
    commit: (requests) => this.commitBatch(requests),
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
  });

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

  async readStreams(streamIds: readonly string[]): Promise<Map<string, StoredStream>> {
    const streams = new Map<string, StoredStream>();
    // PostgreSQL answers a uuid in lower case, whatever case it was asked in.
    const askedAs = new Map<string, string[]>();
    for (const id of streamIds) {
      streams.set(id, { userId: null, version: 0, events: [] });
      const key = id.toLowerCase();
      askedAs.set(key, [...(askedAs.get(key) ?? []), id]);
    }
    if (askedAs.size === 0) return streams;
    // One round trip for all: the stream rows with their events, in stream and version order.
    const rows: (EventRow & { id: string; owner: string; current_version: number })[] = await this.db(
      'streams as s',
    )
      .leftJoin('events as e', 'e.stream_id', 's.stream_id')
      .whereRaw('s.stream_id = any(?::uuid[])', [[...askedAs.keys()]])
      .select([
        's.stream_id as id',
        's.user_id as owner',
        's.version as current_version',
        ...EVENT_COLUMNS.map((c) => `e.${c}`),
      ])
      .orderBy([{ column: 's.stream_id' }, { column: 'e.stream_version' }]);
    const byKey = new Map<string, StoredStream>();
    for (const row of rows) {
      let stream = byKey.get(row.id);
      if (!stream) {
        stream = { userId: row.owner, version: row.current_version, events: [] };
        byKey.set(row.id, stream);
        for (const id of askedAs.get(row.id) ?? []) streams.set(id, stream);
      }
      if (row.event_id !== null) stream.events.push(rowToEnvelope(row));
    }
    return streams;
  }

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const request: AppendRequest = {
      streamId,
      expectedVersion,
      events: events.map((e) => ({ id: e.id ?? randomUUID(), type: e.type, data: e.data })),
      // Random ids cannot repeat; only ids the caller chose are looked up first.
      checkIds: events.some((e) => e.id !== undefined),
      options,
    };
    if (this.joined) return this.appendOne(this.joined, request);
    return this.groupCommit.submit(request);
  }

  /**
   * Writes autocommit appends: a lone one with `append_events`, several that arrived together
   * with one `append_events_batch` (append-batch-function.ts). If the batch raises, nothing of
   * it was written, and its appends are written again one by one, in their order, so that only
   * the faulty one fails.
   */
  private async commitBatch(requests: AppendRequest[]): Promise<Outcome<AppendResult>[]> {
    let outcomes: Outcome<AppendResult>[];
    if (requests.length === 1) {
      outcomes = [await settle(this.appendOne(this.knex, requests[0]!))];
    } else {
      try {
        outcomes = await this.appendBatch(requests);
      } catch {
        outcomes = [];
        for (const request of requests) outcomes.push(await settle(this.appendOne(this.knex, request)));
      }
    }
    if (outcomes.some((o) => o.ok)) this.notifySoon();
    return outcomes;
  }

  private async appendBatch(requests: AppendRequest[]): Promise<Outcome<AppendResult>[]> {
    const batch = requests.map((r) => ({
      stream: r.streamId,
      user: r.options.userId,
      expected: r.expectedVersion,
      events: r.events,
      source: r.options.source,
      correlation: r.options.correlationId,
      causation: r.options.causationId ?? null,
      check: r.checkIds,
    }));
    const result = await this.knex.raw('select * from append_events_batch(?::jsonb)', [
      JSON.stringify(batch),
    ]);
    const rows: (AppendRow & { entry: number })[] = result.rows;
    const byEntry = requests.map((): AppendRow[] => []);
    for (const row of rows) byEntry[row.entry - 1]!.push(row);
    return requests.map((request, i) => {
      try {
        return { ok: true, value: toResult(request, byEntry[i]!) };
      } catch (error) {
        return { ok: false, error };
      }
    });
  }

  /** One call of `append_events`, on its own or in the caller's transaction. */
  private async appendOne(db: Knex | Knex.Transaction, request: AppendRequest): Promise<AppendResult> {
    const { streamId, expectedVersion, events, options } = request;
    let rows: AppendRow[];
    try {
      const result = await db.raw(
        'select * from append_events(?::uuid, ?::uuid, ?::integer, ?::jsonb, ?, ?, ?, ?, ?)',
        [
          streamId,
          options.userId,
          expectedVersion,
          JSON.stringify(events),
          options.source,
          options.correlationId,
          options.causationId ?? null,
          request.checkIds,
          // Inside a caller's transaction the NOTIFY rides along and is sent at its commit.
          this.joined ? EVENTS_CHANNEL : null,
        ],
      );
      rows = result.rows;
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateEventError(eventIds(request));
      if (
        isUniqueViolation(error, 'streams_pkey') ||
        isUniqueViolation(error, 'events_stream_id_stream_version_key')
      ) {
        throw new ConcurrencyError(streamId, expectedVersion, null);
      }
      throw error;
    }
    return toResult(request, rows);
  }

  /**
   * Wakes subscribers after the commit, not inside it: a NOTIFY in a transaction holds a
   * global lock through its commit (WAL flush included), which would serialise every append.
   * One NOTIFY at a time: appends that commit while one is queued or on its way share the
   * next, sent as soon as it is done (under load one NOTIFY per append kept a pool connection
   * and a round trip busy per create; a quiet store still notifies at once). Subscribers also
   * poll, so a lost one only delays them. Subscribers in this process on the same pool are
   * woken at once (local-appends.ts) and skip the NOTIFY.
   */
  private notifySoon(): void {
    const token = signalLocalAppend(this.knex);
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    setImmediate(() => this.sendNotify(token));
  }

  private sendNotify(token: string): void {
    // Whatever committed before this statement is sent is covered by it.
    this.notifyAgain = false;
    void this.knex
      .raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, token])
      .catch(() => undefined)
      .then(() => {
        if (this.notifyAgain) this.sendNotify(token);
        else this.notifying = false;
      });
  }
}
