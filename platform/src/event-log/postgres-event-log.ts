import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from '../event-store/event-row.ts';
import { EVENTS_CHANNEL } from '../event-store/postgres-event-store.ts';
import {
  type BatchHandler,
  type EventLog,
  type LogCursor,
  type SubscribeOptions,
  type Subscription,
} from './event-log.ts';
import { listen } from './pg-listener.ts';
import { onLocalAppend } from '../event-store/local-appends.ts';
import { policyFor } from '../quarantine/quarantine-policy.ts';
import { WakeSignal } from './wake-signal.ts';
import { batchStatement } from './batch-writes.ts';
import { prepared } from '../db/prepared.ts';
import { CONSUMER_MOVED_ON } from './consumer-advance-function.ts';

const IDLE_POLL_MS = 1000;
/** Drains start at most this often while events keep coming; see the loop. */
const MIN_DRAIN_SPACING_MS = 15;
const MAX_ERROR_BACKOFF_MS = 5000;

/**
 * Reads the log in (transaction id, position) order, and only what is older than the
 * oldest transaction still in flight: a transaction that took its position early but
 * commits late is never skipped (docs/ARCHITECTURE.md, "Reading the log without skipping late
 * commits").
 */
export async function readLogBatch(
  db: Knex | Knex.Transaction,
  after: LogCursor,
  limit: number,
  filter?: { userId?: string; until?: LogCursor },
): Promise<{ events: AnyEnvelope[]; cursor: LogCursor }> {
  const query = db('events')
    .select(EVENT_COLUMNS)
    .whereRaw('transaction_id < pg_snapshot_xmin(pg_current_snapshot())')
    .andWhereRaw('(transaction_id, position) > (?::xid8, ?::bigint)', [after.transactionId, after.position])
    .orderBy([{ column: 'transaction_id' }, { column: 'position' }])
    .limit(limit);
  if (filter?.userId) query.andWhere({ user_id: filter.userId });
  if (filter?.until) {
    query.andWhereRaw('(transaction_id, position) <= (?::xid8, ?::bigint)', [
      filter.until.transactionId,
      filter.until.position,
    ]);
  }
  const rows: EventRow[] = await query;
  const last = rows.at(-1);
  return {
    events: rows.map(rowToEnvelope),
    cursor: last ? { transactionId: String(last.transaction_id), position: String(last.position) } : after,
  };
}

const COLUMNS = EVENT_COLUMNS.join(', ');

/**
 * The consumer's checkpoint and the next batch after it, in one round trip. In the consumer's
 * transaction the caller holds its lock, so the checkpoint cannot move meanwhile; a planned
 * batch reads it without a transaction, and `consumer_advance` checks it again at the commit.
 */
async function readAfterCheckpoint(
  db: Knex | Knex.Transaction,
  consumer: string,
  limit: number,
  keyColumn: 'stream_id' | 'user_id',
  prefetch?: string,
): Promise<{
  from: LogCursor;
  /** The checkpoint row's epoch; null when the consumer has none yet. */
  epoch: string | null;
  retryPending: boolean;
  events: { transactionId: string; envelope: AnyEnvelope; parked: boolean; prefetched: unknown }[];
}> {
  // Also says, per event, whether its key is parked behind a quarantined event, and whether
  // an operator asked for a retry: no extra round trip on the way of every batch.
  const result = await prepared(
    db.raw(
      `with cp as (
       select transaction_id as cp_tx, position as cp_pos, epoch as cp_epoch from consumer_checkpoints where consumer = ?
       union all
       select '0'::xid8, 0::bigint, null::bigint where not exists (select 1 from consumer_checkpoints where consumer = ?)
     )
     select cp.cp_tx, cp.cp_pos, cp.cp_epoch, e.*,
            exists (select 1 from quarantined_events q where q.consumer = ? and q.retry_requested_at is not null)
              as retry_pending
       from cp left join lateral (
       select ${COLUMNS},
              exists (select 1 from quarantined_events q where q.consumer = ? and q.order_key = events.${keyColumn}::text)
                as parked${
                  prefetch
                    ? `,
              ${prefetch} as prefetched`
                    : ''
                }
         from events
        where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          and (transaction_id, position) > (cp.cp_tx, cp.cp_pos)
        order by transaction_id, position
        limit ${Math.trunc(limit)}
     ) e on true
     order by e.transaction_id, e.position`,
      [consumer, consumer, consumer, consumer],
    ),
    'consumer_batch',
  );
  const rows = result.rows as (EventRow & {
    cp_tx: string;
    cp_pos: string;
    cp_epoch: string | null;
    parked: boolean | null;
    retry_pending: boolean;
    prefetched?: unknown;
  })[];
  const first = rows[0]!;
  return {
    from: { transactionId: String(first.cp_tx), position: String(first.cp_pos) },
    epoch: first.cp_epoch === null ? null : String(first.cp_epoch),
    retryPending: Boolean(first.retry_pending),
    events: rows
      .filter((r) => r.event_id !== null)
      .map((r) => ({
        transactionId: String(r.transaction_id),
        envelope: rowToEnvelope(r),
        parked: Boolean(r.parked),
        prefetched: r.prefetched ?? null,
      })),
  };
}

/**
 * Whether any row lies after the cursor (two bindings: its transaction id and position),
 * committed or not. The first such row in log order, through the log-order index: written
 * as `exists (select 1 … where (transaction_id, position) > …)`, PostgreSQL guessed a third
 * of the table matches and scanned it from the start instead (the rows after a cursor are at
 * its end), 100 ms for 92,000 events, on every drain of every consumer.
 */
export const HIDDEN_AFTER_SQL = `((select true from events
     where (transaction_id, position) > (?::xid8, ?::bigint)
     order by transaction_id, position limit 1) is not null)`;

/**
 * Stores the new checkpoint (when there is one; its epoch is bumped, which refuses a planned
 * batch read before it) and answers whether anything lies after `peekAfter` that the read
 * could not see yet: rows behind a transaction still in flight.
 */
async function saveCheckpointAndPeek(
  trx: Knex.Transaction,
  consumer: string,
  checkpoint: LogCursor | null,
  peekAfter: LogCursor,
): Promise<boolean> {
  const peek = `${HIDDEN_AFTER_SQL} as hidden`;
  const result = checkpoint
    ? await prepared(
        trx.raw(
          `with saved as (
           insert into consumer_checkpoints (consumer, transaction_id, position, updated_at)
           values (?, ?::xid8, ?, now())
           on conflict (consumer) do update
             set transaction_id = excluded.transaction_id, position = excluded.position,
                 epoch = consumer_checkpoints.epoch + 1, updated_at = now()
           returning 1
         )
         select (select count(*) from saved) as saved, ${peek}`,
          [
            consumer,
            checkpoint.transactionId,
            checkpoint.position,
            peekAfter.transactionId,
            peekAfter.position,
          ],
        ),
        'consumer_checkpoint',
      )
    : await prepared(
        trx.raw(`select ${peek}`, [peekAfter.transactionId, peekAfter.position]),
        'consumer_peek',
      );
  return Boolean(result.rows[0].hidden);
}

export class PostgresEventLog implements EventLog {
  private readonly knex: Knex;
  private readonly connectionString: string;
  private readonly logger: Logger;
  /** One LISTEN connection per log, shared by its subscriptions. */
  private readonly wakers = new Set<() => void>();
  private listening: Promise<{ close(): Promise<void> } | null> | null = null;
  private local: { token: string; remove(): void } | null = null;

  constructor(knex: Knex, connectionString: string, logger: Logger) {
    this.knex = knex;
    this.connectionString = connectionString;
    this.logger = logger;
  }

  private addWaker(wake: () => void): Promise<unknown> {
    this.wakers.add(wake);
    const wakeAll = () => this.wakers.forEach((w) => w());
    // Appends of this process on the same pool wake the subscribers themselves, at once.
    this.local ??= onLocalAppend(this.knex, wakeAll);
    const ownToken = this.local.token;
    this.listening ??= listen(
      this.connectionString,
      EVENTS_CHANNEL,
      (payload) => {
        if (payload !== ownToken) wakeAll();
      },
      (err) => this.logger.warn({ err }, 'event log LISTEN connection error; polling continues'),
    ).catch((err) => {
      this.logger.warn({ err }, 'LISTEN unavailable; polling only');
      return null;
    });
    return this.listening;
  }

  private async removeWaker(wake: () => void): Promise<void> {
    this.wakers.delete(wake);
    if (this.wakers.size > 0) return;
    this.local?.remove();
    this.local = null;
    if (!this.listening) return;
    const listening = this.listening;
    this.listening = null;
    await (await listening)?.close();
  }

  subscribe(consumer: string, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    const batchSize = options.batchSize ?? 500;
    const drainSpacingMs = options.minDrainSpacingMs ?? MIN_DRAIN_SPACING_MS;
    const wakeDelayMs = options.wakeDelayMs ?? 0;
    const signal = new WakeSignal();
    const log = this.logger.child({ consumer });
    let running = true;
    let drainsStarted = 0;
    let caughtUpWaiters: Array<{ after: number; resolve: () => void }> = [];

    const policy = policyFor(consumer, this.logger, options);
    const keyColumn = policy.orderBy === 'user' ? 'user_id' : 'stream_id';

    /**
     * Returns how many events it dealt with (-1 when another instance holds the consumer),
     * and, when one failed and must be tried again, its error. `isolate`: apply event by
     * event (the last batch failed), so that one event cannot stop the others.
     */
    const drain = async (
      isolate: boolean,
    ): Promise<{ applied: number; hidden: boolean; stalled: { error: unknown } | null }> =>
      this.knex.transaction(async (trx) => {
        // One active instance per consumer; the others find the lock taken and wait.
        // A consumer's effects are derived from the durably committed log: if a crash loses
        // this commit, effect and checkpoint are lost together and the batch is redone, so
        // it need not wait for its WAL flush. A handler that appends to the log gets a
        // durable commit from the event store, which switches it back on.
        const locked = await prepared(
          trx.raw(
            `select pg_try_advisory_xact_lock(hashtextextended(?, 1)) as ok,
                    set_config('synchronous_commit', 'off', true) as commit_mode`,
            [consumer],
          ),
          'consumer_lock',
        );
        if (!locked.rows[0].ok) return { applied: -1, hidden: false, stalled: null };
        const { from, events, retryPending } = await readAfterCheckpoint(trx, consumer, batchSize, keyColumn);
        if (retryPending) {
          const retried = await policy.retryFlagged(trx, handler);
          log.info(retried, 'operator retry of quarantined events done');
        }
        const envelopes = events.map((e) => e.envelope);
        let done = events.length;
        let stalled: { error: unknown } | null = null;
        if (events.length > 0) {
          const parked = events.filter((e) => e.parked).map((e) => policy.keyOf(e.envelope));
          if (isolate || parked.length > 0) {
            const outcome = await policy.applyIsolated(
              trx,
              envelopes,
              handler,
              (i) => `${events[i]!.transactionId}:${events[i]!.envelope.position}`,
              new Map(parked.map((k) => [k, ''])),
            );
            done = outcome.done;
            stalled = outcome.stalled;
          } else {
            await handler(envelopes, trx);
          }
        }
        const last = done > 0 ? events[done - 1]! : null;
        const cursor = last ? { transactionId: last.transactionId, position: last.envelope.position } : from;
        // A retry changed effects without moving the checkpoint: still bump its epoch.
        const saved = last ? cursor : retryPending ? from : null;
        const hidden = await saveCheckpointAndPeek(trx, consumer, saved, cursor);
        return { applied: done, hidden, stalled };
      });

    /**
     * A plain batch in one statement (options.plan): read and planned without a transaction,
     * committed with its checkpoint by `consumer_advance`, which refuses if anything moved
     * since the read. Null when the batch is not plain (or was refused): apply it by `drain`.
     */
    const plan = options.plan;
    const drainPlanned = async (): Promise<{ applied: number; hidden: boolean; stalled: null } | null> => {
      if (!plan) return null;
      const { from, epoch, events, retryPending } = await readAfterCheckpoint(
        this.knex,
        consumer,
        batchSize,
        keyColumn,
        options.prefetch,
      );
      if (retryPending || events.length === 0 || events.some((e) => e.parked)) return null;
      const writes = await plan(
        events.map((e) => e.envelope),
        this.knex,
        events.map((e) => e.prefetched),
      );
      if (!writes) return null;
      const last = events.at(-1)!;
      const to = { transactionId: last.transactionId, position: last.envelope.position };
      try {
        const result = await batchStatement(this.knex, writes, {
          head: `gate as (select consumer_advance(?, ?::xid8, ?::bigint, ?::bigint, ?::xid8, ?::bigint) as ok)`,
          headBindings: [consumer, from.transactionId, from.position, epoch, to.transactionId, to.position],
          columns: `gate.ok, ${HIDDEN_AFTER_SQL} as hidden`,
          bindings: [to.transactionId, to.position],
          from: 'gate',
        });
        return { applied: events.length, hidden: Boolean(result.rows[0].hidden), stalled: null };
      } catch (error) {
        if ((error as { code?: string }).code === CONSUMER_MOVED_ON) return null;
        throw error;
      }
    };

    const loop = async () => {
      let errorBackoff = 100;
      let hiddenBackoff = 2;
      let isolate = false;
      const backOff = async () => {
        await signal.sleep(errorBackoff);
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MS);
      };
      let lastDrainStart = -Infinity;
      // Batching that adapts to the load: a drain right after a quiet spell starts at once;
      // while events keep coming, the next drain waits until drainSpacingMs after the
      // start of the last, so that one transaction carries what came meanwhile instead of
      // one transaction per event.
      const spaced = async () => {
        const wait = lastDrainStart + drainSpacingMs - performance.now();
        if (running && wait > 0) await new Promise((r) => setTimeout(r, wait));
      };
      while (running) {
        try {
          const drainNumber = ++drainsStarted;
          lastDrainStart = performance.now();
          const { applied, hidden, stalled } =
            (isolate ? null : await drainPlanned()) ?? (await drain(isolate));
          if (stalled) {
            // One event failed on its own: what came before it is committed; try it again
            // (it is quarantined once it has failed often enough, or at once if poison).
            isolate = true;
            log.error({ err: stalled.error }, 'consumer stopped at an event that failed; retrying');
            await backOff();
            continue;
          }
          isolate = false;
          errorBackoff = 100;
          if (applied === batchSize) continue;
          if (applied === 0 && !hidden) {
            // Only a drain that began after a caller asked proves it has caught up.
            const ready = caughtUpWaiters.filter((w) => w.after < drainNumber);
            caughtUpWaiters = caughtUpWaiters.filter((w) => w.after >= drainNumber);
            ready.forEach((w) => w.resolve());
          }
          if (hidden && applied > 0) {
            // More came in while this batch was applied: busy, so the next drain is spaced.
            hiddenBackoff = 2;
            await spaced();
          } else if (hidden) {
            // Rows sit behind an older transaction still in flight: look again soon (a NOTIFY
            // of its commit wakes this early). Only here does the back-off grow: it used to
            // grow after every batch under a steady flow too, up to the 1 s safety poll, which
            // is what made reminders reach the clients in batches a second apart.
            await signal.sleep(hiddenBackoff);
            hiddenBackoff = Math.min(hiddenBackoff * 2, IDLE_POLL_MS);
          } else {
            // Up to date: sleep until the next NOTIFY (or the safety poll).
            hiddenBackoff = 2;
            await signal.sleep(IDLE_POLL_MS);
            if (running && wakeDelayMs > 0) await new Promise((r) => setTimeout(r, wakeDelayMs));
            await spaced();
          }
        } catch (error) {
          // A failure that is not the infrastructure's: apply the next batch event by event,
          // so the event that causes it is found and set aside instead of stopping everyone.
          // A transient failure (an outage, or a serialisation refusal when another writer of
          // the same user got in first) is retried as it is, and logged as a warning: it is
          // expected under concurrency and nothing is lost. Anything else is an error.
          const transient = policy.classify(error) === 'transient';
          if (!transient) isolate = true;
          log[transient ? 'warn' : 'error']({ err: error }, 'consumer batch failed; retrying');
          await backOff();
        }
      }
    };

    const wake = () => signal.wake();
    const started = this.addWaker(wake);
    const done = loop();
    return {
      caughtUp: async () => {
        await started;
        await new Promise<void>((resolve) => {
          caughtUpWaiters.push({ after: drainsStarted, resolve });
          signal.wake();
        });
      },
      stop: async () => {
        running = false;
        signal.wake();
        await done;
        await this.removeWaker(wake);
        caughtUpWaiters.forEach((w) => w.resolve());
      },
    };
  }
}
