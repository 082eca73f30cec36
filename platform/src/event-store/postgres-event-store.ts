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

export const EVENTS_CHANNEL = 'todo_events';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

/**
 * Appends are one transaction: per-user advisory lock, stream version check, events; then
 * a NOTIFY wakes subscribers. Taking the per-user lock before the first write means a user's
 * transactions get their ids (and so their log order) in the order they commit, which keeps
 * each user's dense `user_seq` in log order.
 */
export class PostgresEventStore implements EventStore {
  private readonly knex: Knex;
  private notifyPending = false;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async readStream(streamId: string): Promise<StoredStream> {
    // One round trip: the stream row with its events (none for a stream not yet written).
    const rows: (EventRow & { owner: string; current_version: number })[] = await this.knex('streams as s')
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
    const outer = options.transaction as Knex.Transaction | undefined;
    const run = (trx: Knex.Transaction) => this.appendIn(trx, streamId, expectedVersion, events, options);
    try {
      if (outer) {
        // The caller commits; the NOTIFY rides along with its transaction.
        const result = await run(outer);
        await outer.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, '']);
        return result;
      }
      const result = await this.knex.transaction(run);
      this.notifySoon();
      return result;
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
  }

  /**
   * Wakes subscribers after the commit, not inside it: a NOTIFY in a transaction holds a
   * global lock through its commit (WAL flush included), which would serialise every append.
   * Appends in the same turn of the event loop share one NOTIFY; subscribers also poll, so a
   * lost one only delays them.
   */
  private notifySoon(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    setImmediate(() => {
      this.notifyPending = false;
      this.knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, '']).catch(() => undefined);
    });
  }

  private async appendIn(
    trx: Knex.Transaction,
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    // The per-user lock comes first (its CTE is evaluated before the insert writes), so the
    // transaction id is assigned after it; the same statement takes the user's next sequence
    // and makes the commit durable even inside a consumer that commits asynchronously.
    const seq = await trx.raw(
      `with locked as (
         select pg_advisory_xact_lock(hashtextextended(?, 0)), set_config('synchronous_commit', 'on', true)
       )
       insert into user_logs (user_id, last_seq) select ?, ? from locked
       on conflict (user_id) do update set last_seq = user_logs.last_seq + excluded.last_seq
       returning last_seq`,
      [options.userId, options.userId, events.length],
    );
    const newVersion = expectedVersion + events.length;
    if (expectedVersion === 0) {
      const inserted = await trx.raw(
        'insert into streams (stream_id, user_id, version) values (?, ?, ?) on conflict do nothing',
        [streamId, options.userId, newVersion],
      );
      if (inserted.rowCount === 0) throw await this.conflict(trx, streamId, expectedVersion);
    } else {
      const updated = await trx('streams')
        .where({ stream_id: streamId, version: expectedVersion, user_id: options.userId })
        .update({ version: newVersion });
      if (updated === 0) throw await this.conflict(trx, streamId, expectedVersion);
    }
    const lastSeq = BigInt(seq.rows[0].last_seq);
    const firstSeq = lastSeq - BigInt(events.length) + 1n;
    const rows: EventRow[] = await trx('events')
      .insert(
        events.map((event, i) => ({
          event_id: event.id ?? randomUUID(),
          stream_id: streamId,
          stream_version: expectedVersion + i + 1,
          user_id: options.userId,
          user_seq: (firstSeq + BigInt(i)).toString(),
          type: event.type,
          data: JSON.stringify(event.data),
          source: options.source,
          correlation_id: options.correlationId,
          causation_id: options.causationId ?? null,
        })),
      )
      .returning(EVENT_COLUMNS);
    return { version: newVersion, events: rows.map(rowToEnvelope) };
  }

  private async conflict(
    trx: Knex.Transaction,
    streamId: string,
    expected: number,
  ): Promise<ConcurrencyError> {
    const row = await trx('streams').where({ stream_id: streamId }).first('version');
    return new ConcurrencyError(streamId, expected, row ? row.version : null);
  }
}
