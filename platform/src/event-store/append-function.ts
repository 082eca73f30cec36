import type { Migration } from '../db/migrations.ts';

/**
 * The append as one PL/pgSQL function, so that an append outside a caller's transaction is
 * one round trip (one autocommit statement) instead of BEGIN, lock, stream, events, COMMIT.
 *
 * * The per-user advisory lock comes first, before anything is written: the transaction id
 *   (xid8, the log order readers rely on) is assigned after it, so a user's transactions get
 *   their ids in the order they commit and the dense `user_seq` follows the log order.
 * * `synchronous_commit` is switched on for the transaction: an append inside a consumer
 *   (which commits asynchronously) is still durable.
 * * A lost race or a repeated event id is *answered* (`outcome` 'conflict' with the stream's
 *   version, or 'duplicate') instead of raised, before anything is written, so a caller's
 *   transaction stays usable without a savepoint. Both checks run under the user's lock; a
 *   stream is one user's, so they cannot be overtaken by that user's other appends, and the
 *   guarded write plus the unique indexes still refuse anything that slips past (another
 *   user creating the same stream id), as errors.
 * * A transaction that had its id before the lock (and so could be overtaken by a later one
 *   of the same user) is refused with SQLSTATE 40001 when that happened: `user_logs.last_xid`
 *   says which transaction wrote the user's last events. Consumers and the scheduler retry.
 */
/**
 * The per-user lock of an append, on the SQL expression `userId`. A transaction that writes
 * something else before its first append (an idempotency key) takes it first, with that write:
 * its transaction id must come after the lock too.
 */
export const userLock = (userId: string): string =>
  `pg_advisory_xact_lock(hashtextextended((${userId})::text, 0))`;

export const appendFunctionMigrations: Migration[] = [
  {
    name: '0003_append_events_function',
    up: async (knex) => {
      await knex.raw(`
        alter table user_logs add column last_xid xid8;
        create function append_events(
          p_stream_id uuid,
          p_user_id uuid,
          p_expected integer,
          p_events jsonb,
          p_source text,
          p_correlation_id text,
          p_causation_id text,
          p_check_ids boolean,
          p_notify_channel text
        ) returns table (
          outcome text,
          actual_version integer,
          "position" bigint,
          transaction_id xid8,
          user_seq bigint,
          recorded_at timestamptz
        ) language plpgsql as $fn$
        #variable_conflict use_column
        declare
          n integer := jsonb_array_length(p_events);
          v_actual integer;
          v_last_seq bigint;
          v_last_xid xid8;
          -- Read before the lock: whether this transaction already had its id.
          v_early xid8 := pg_current_xact_id_if_assigned();
        begin
          perform ${userLock('p_user_id')},
                  set_config('synchronous_commit', 'on', true);
          if v_early is not null then
            -- The id came before the lock (a scheduler that locked its due rows first, a batch
            -- appending for a second user): if another transaction of this user took a later
            -- id and committed meanwhile, these events would land in the log behind its
            -- events, out of user_seq order. Refuse; a retry gets a new id.
            select u.last_xid into v_last_xid from user_logs u where u.user_id = p_user_id;
            if v_last_xid > v_early then
              raise exception 'user % wrote in a later transaction meanwhile; retry the transaction', p_user_id
                using errcode = 'serialization_failure';
            end if;
          end if;
          if p_check_ids then
            select s.version into v_actual from streams s where s.stream_id = p_stream_id;
            if coalesce(v_actual, 0) <> p_expected then
              return query select 'conflict'::text, v_actual, null::bigint, null::xid8, null::bigint, null::timestamptz;
              return;
            end if;
            if exists (select 1 from events e, jsonb_array_elements(p_events) x where e.event_id = (x ->> 'id')::uuid) then
              return query select 'duplicate'::text, v_actual, null::bigint, null::xid8, null::bigint, null::timestamptz;
              return;
            end if;
          end if;
          if p_expected = 0 then
            insert into streams (stream_id, user_id, version) values (p_stream_id, p_user_id, n)
              on conflict do nothing;
          else
            update streams s set version = p_expected + n
             where s.stream_id = p_stream_id and s.version = p_expected and s.user_id = p_user_id;
          end if;
          if not found then
            select s.version into v_actual from streams s where s.stream_id = p_stream_id;
            return query select 'conflict'::text, v_actual, null::bigint, null::xid8, null::bigint, null::timestamptz;
            return;
          end if;
          insert into user_logs as u (user_id, last_seq, last_xid) values (p_user_id, n, pg_current_xact_id())
            on conflict (user_id) do update set last_seq = u.last_seq + excluded.last_seq, last_xid = excluded.last_xid
            returning u.last_seq into v_last_seq;
          return query
            insert into events as e (event_id, stream_id, stream_version, user_id, user_seq, type, data,
                                     source, correlation_id, causation_id)
            select (x ->> 'id')::uuid, p_stream_id, p_expected + i::integer, p_user_id, v_last_seq - n + i,
                   x ->> 'type', x -> 'data', p_source, p_correlation_id, p_causation_id
              from jsonb_array_elements(p_events) with ordinality as t (x, i)
             order by i
            returning 'ok'::text, p_expected + n, e.position, e.transaction_id, e.user_seq, e.recorded_at;
          -- Only inside a caller's transaction: there the wake-up must wait for its commit. An
          -- autocommit append is followed by a NOTIFY of its own (see the store).
          if p_notify_channel is not null then
            perform pg_notify(p_notify_channel, '');
          end if;
        end
        $fn$;
      `);
    },
  },
];
