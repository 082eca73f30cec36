import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from '../event-store/event-row.ts';
import { EVENTS_CHANNEL } from '../event-store/postgres-event-store.ts';
import {
  LOG_START,
  type BatchHandler,
  type EventLog,
  type LogCursor,
  type SubscribeOptions,
  type Subscription,
} from './event-log.ts';
import { listen } from './pg-listener.ts';
import { WakeSignal } from './wake-signal.ts';

const IDLE_POLL_MS = 250;
const MAX_ERROR_BACKOFF_MS = 5000;

/**
 * Reads the log in (transaction id, position) order, and only what is older than the
 * oldest transaction still in flight: a transaction that took its position early but
 * commits late is never skipped (the trap described in DESIGN.md).
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

export class PostgresEventLog implements EventLog {
  private readonly knex: Knex;
  private readonly connectionString: string;
  private readonly logger: Logger;

  constructor(knex: Knex, connectionString: string, logger: Logger) {
    this.knex = knex;
    this.connectionString = connectionString;
    this.logger = logger;
  }

  subscribe(consumer: string, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    const batchSize = options.batchSize ?? 500;
    const signal = new WakeSignal();
    const log = this.logger.child({ consumer });
    let running = true;
    let drainsStarted = 0;
    let emptyBackoff = 5;
    let caughtUpWaiters: Array<{ after: number; resolve: () => void }> = [];
    let listener: { close(): Promise<void> } | null = null;

    const drain = async (): Promise<number> =>
      this.knex.transaction(async (trx) => {
        // One active instance per consumer; the others find the lock taken and wait.
        const locked = await trx.raw('select pg_try_advisory_xact_lock(hashtextextended(?, 1)) as ok', [
          consumer,
        ]);
        if (!locked.rows[0].ok) return -1;
        // A consumer's effects are derived from the log, which is committed durably. If a
        // crash loses this commit, effect and checkpoint are lost together and redone, so
        // the consumer need not wait for its own WAL flush.
        await trx.raw('set local synchronous_commit = off');
        const row = await trx('consumer_checkpoints').where({ consumer }).first('transaction_id', 'position');
        const from: LogCursor = row
          ? { transactionId: String(row.transaction_id), position: String(row.position) }
          : LOG_START;
        const { events, cursor } = await readLogBatch(trx, from, batchSize);
        if (events.length === 0) return 0;
        await handler(events, trx);
        await trx.raw(
          `insert into consumer_checkpoints (consumer, transaction_id, position, updated_at)
           values (?, ?::xid8, ?, now())
           on conflict (consumer) do update
             set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`,
          [consumer, cursor.transactionId, cursor.position],
        );
        return events.length;
      });

    const loop = async () => {
      let errorBackoff = 100;
      while (running) {
        try {
          const drainNumber = ++drainsStarted;
          const n = await drain();
          errorBackoff = 100;
          if (n === batchSize) continue;
          if (n === 0) {
            // Only a drain that began after a caller asked proves it has caught up.
            const ready = caughtUpWaiters.filter((w) => w.after < drainNumber);
            caughtUpWaiters = caughtUpWaiters.filter((w) => w.after >= drainNumber);
            ready.forEach((w) => w.resolve());
          }
          // After a NOTIFY the new rows may still sit behind an older open transaction:
          // look again soon, backing off to the idle poll.
          await signal.sleep(n > 0 ? 0 : emptyBackoff);
          emptyBackoff = Math.min(emptyBackoff * 2, IDLE_POLL_MS);
        } catch (error) {
          log.error({ err: error }, 'consumer batch failed; retrying');
          await signal.sleep(errorBackoff);
          errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MS);
        }
      }
    };

    const started = listen(
      this.connectionString,
      EVENTS_CHANNEL,
      () => {
        emptyBackoff = 5;
        signal.wake();
      },
      (err) => log.warn({ err }, 'listen connection error; polling continues'),
    )
      .then((l) => {
        listener = l;
      })
      .catch((err) => log.warn({ err }, 'LISTEN unavailable; polling only'));

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
        await started;
        await listener?.close();
        caughtUpWaiters.forEach((w) => w.resolve());
      },
    };
  }
}
