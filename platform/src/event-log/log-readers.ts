import type { Migration } from '../db/migrations.ts';

/**
 * Transactions that only read the log, and the horizon readers of the log may read up to.
 *
 * A reader of the PostgreSQL log reads only rows older than every transaction still in flight
 * (docs/ARCHITECTURE.md, "Reading the log without skipping late commits"): any of them might
 * still insert an event with a lower transaction id. But most transactions in flight never
 * append: the projectors', the relay's. Under load one of them is nearly always open, and a
 * reader behind `pg_snapshot_xmin` waited for it: the relay's rows were hidden mostly behind
 * the projectors' transactions (seen with pg_stat_activity at 300 events/s), which made the
 * relay both slow (tens of ms) and coupled to how fast its own consumers commit.
 *
 * So a transaction that will never append says so before it has its id
 * (`declare_log_reader()`): a shared advisory lock that other sessions see in `pg_locks`
 * (beside the lock every transaction holds on its own id), and a setting of its own that a
 * trigger on `events` reads to refuse any insert it tries. `log_horizon(snapshot)` is the
 * oldest transaction of the snapshot still in flight that has not declared itself a reader
 * (or the snapshot's xmax): every row below it is committed or will never exist.
 *
 * Why it is safe: pg_locks is read live, after the statement's snapshot was taken. A
 * transaction of the snapshot that has finished since, or has its id but not yet its
 * transaction-id lock row, is simply not excluded (it holds the horizon back, as before).
 * Only a transaction seen holding both its own id's lock and the reader lock is excluded,
 * and such a transaction took the reader lock before its id and cannot insert events.
 */
export const LOG_READER_LOCK = { classId: 1_953_459_312, objId: 1 } as const;

export const logReaderMigrations: Migration[] = [
  {
    name: '0005_log_readers',
    up: async (knex) => {
      const { classId, objId } = LOG_READER_LOCK;
      await knex.raw(`
        create function declare_log_reader() returns boolean language plpgsql as $fn$
        begin
          -- An id already taken may be behind an event this transaction wrote: too late.
          if pg_current_xact_id_if_assigned() is not null then
            return false;
          end if;
          perform pg_advisory_xact_lock_shared(${classId}, ${objId}),
                  set_config('todo.log_reader', 'on', true);
          return true;
        end
        $fn$;

        create function refuse_append_by_log_reader() returns trigger language plpgsql as $fn$
        begin
          if current_setting('todo.log_reader', true) = 'on' then
            raise exception 'a transaction that declared it only reads the log (declare_log_reader) cannot append to it'
              using errcode = 'read_only_sql_transaction';
          end if;
          return null;
        end
        $fn$;
        create trigger events_not_by_log_readers before insert on events
          for each statement execute function refuse_append_by_log_reader();

        -- Stable: evaluated once per scan, on the snapshot the calling statement passes in.
        create function log_horizon(s pg_snapshot) returns xid8 language sql stable as $fn$
          with readers as (
            -- A transaction holds the lock of its own id and of each subtransaction's (savepoints),
            -- all given out after its own: the least is its id, the one in the snapshot.
            select min(l.transactionid::text::bigint)
                     filter (where l.locktype = 'transactionid' and l.mode = 'ExclusiveLock' and l.granted) as xid
              from pg_locks l
             group by l.virtualtransaction
            having bool_or(l.locktype = 'advisory' and l.classid = ${classId} and l.objid = ${objId}
                           and l.objsubid = 2 and l.granted)
          )
          -- The snapshot leaves out the calling transaction's own id: it counts too, unless
          -- the caller is a reader itself (least() skips the null).
          select least(
                   coalesce(min(x), pg_snapshot_xmax(s)),
                   case when current_setting('todo.log_reader', true) is distinct from 'on'
                        then pg_current_xact_id_if_assigned() end)
            from pg_snapshot_xip(s) as x
           -- pg_locks shows 32-bit ids; transactions in flight never share their low 32 bits.
           where not exists (select 1 from readers r where r.xid = x::text::bigint % 4294967296)
        $fn$;
      `);
    },
  },
];

/** The horizon of the calling statement's snapshot, as SQL (see log_horizon above). */
export const LOG_HORIZON_SQL = 'log_horizon(pg_current_snapshot())';
