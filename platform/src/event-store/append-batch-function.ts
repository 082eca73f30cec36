import type { Migration } from '../db/migrations.ts';
import { userLock } from './append-function.ts';

/**
 * A group commit: the autocommit appends of different callers that arrive while earlier ones
 * are being written go together in one call of `append_events_batch`, one statement and one
 * transaction (one WAL flush, one round trip) for all of them, each with its own outcome.
 *
 * * Every user lock of the batch is taken first, before anything is written, so the
 *   transaction id comes after all of them (the rule of `append_events`), and in one fixed
 *   order (by user id as text, the order in which the PostgreSQL scheduler takes its owners'
 *   locks too), so that two such transactions never wait on each other in a cycle.
 * * When every user and every stream appears once and no ids are to be looked up (different
 *   callers creating or changing their own things: the common case), the writes of
 *   `append_events` are done set-based, one statement for all: the streams (a new one by
 *   `insert … on conflict do nothing`, a known one by `update … where version = expected`),
 *   `user_logs.last_seq` (each user's events get the next numbers of that user's dense
 *   sequence) and the events. An entry whose stream write did not happen is a conflict, with
 *   the stream's version, and writes nothing else.
 * * Otherwise each entry is one call of `append_events`, in arrival order: the same checks and
 *   writes as a single append (its lock is already held and is taken again at no cost), and a
 *   second append of the same stream sees the first's version.
 * * Either way a conflict or a repeated id is that entry's answer (`entry` is its 1-based place
 *   in the batch); the others go on. `synchronous_commit` is on: the commit is durable.
 * * Anything raised (a unique violation from another user's stream id) rolls back the whole
 *   batch; the store then writes its entries one by one, so that only the faulty one fails.
 */
export const appendBatchFunctionMigrations: Migration[] = [
  {
    name: '0004_append_events_batch_function',
    up: async (knex) => {
      await knex.raw(`
        create function append_events_batch(p_batch jsonb) returns table (
          entry integer,
          outcome text,
          actual_version integer,
          "position" bigint,
          transaction_id xid8,
          user_seq bigint,
          recorded_at timestamptz
        ) language plpgsql as $fn$
        #variable_conflict use_column
        declare
          v_user text;
          v_entry jsonb;
          v_i integer;
        begin
          for v_user in
            select distinct ((x ->> 'user')::uuid)::text from jsonb_array_elements(p_batch) x order by 1
          loop
            perform ${userLock('v_user')};
          end loop;
          perform set_config('synchronous_commit', 'on', true);
          if (select bool_or((x ->> 'check')::boolean)
                     or count(distinct (x ->> 'user')::uuid) < count(*)
                     or count(distinct (x ->> 'stream')::uuid) < count(*)
                from jsonb_array_elements(p_batch) x) then
            -- A user or stream twice, or ids to look up: entry by entry, in arrival order.
            for v_entry, v_i in
              select x, i::integer from jsonb_array_elements(p_batch) with ordinality as t (x, i) order by i
            loop
              return query
                select v_i, a.outcome, a.actual_version, a.position, a.transaction_id, a.user_seq, a.recorded_at
                  from append_events((v_entry ->> 'stream')::uuid, (v_entry ->> 'user')::uuid,
                                     (v_entry ->> 'expected')::integer, v_entry -> 'events',
                                     v_entry ->> 'source', v_entry ->> 'correlation', v_entry ->> 'causation',
                                     (v_entry ->> 'check')::boolean, null) a;
            end loop;
            return;
          end if;
          -- Each user and stream once (different callers, the common case): the same writes as
          -- append_events, set-based, one statement for all the entries.
          return query
            with b as (
              select i::integer as entry, (x ->> 'stream')::uuid as s, (x ->> 'user')::uuid as u,
                     (x ->> 'expected')::integer as ev, x -> 'events' as evs,
                     jsonb_array_length(x -> 'events') as n, x ->> 'source' as src,
                     x ->> 'correlation' as corr, x ->> 'causation' as caus
                from jsonb_array_elements(p_batch) with ordinality as t (x, i)
            ), created as (
              insert into streams (stream_id, user_id, version)
              select b.s, b.u, b.n from b where b.ev = 0 order by b.entry
                  on conflict do nothing
              returning streams.stream_id
            ), moved as (
              update streams st set version = b.ev + b.n
                from b
               where b.ev <> 0 and st.stream_id = b.s and st.version = b.ev and st.user_id = b.u
              returning st.stream_id
            ), ok as (
              select b.* from b
               where b.s in (select c.stream_id from created c union all select m.stream_id from moved m)
            ), seqs as (
              insert into user_logs as ul (user_id, last_seq, last_xid)
              select ok.u, ok.n, pg_current_xact_id() from ok order by ok.entry
                  on conflict (user_id) do update
                 set last_seq = ul.last_seq + excluded.last_seq, last_xid = excluded.last_xid
              returning ul.user_id, ul.last_seq
            ), written as (
              insert into events as e (event_id, stream_id, stream_version, user_id, user_seq, type, data,
                                       source, correlation_id, causation_id)
              select (x ->> 'id')::uuid, ok.s, ok.ev + j::integer, ok.u, seqs.last_seq - ok.n + j,
                     x ->> 'type', x -> 'data', ok.src, ok.corr, ok.caus
                from ok join seqs on seqs.user_id = ok.u,
                     jsonb_array_elements(ok.evs) with ordinality as t (x, j)
               order by ok.entry, j
              returning e.stream_id, e.position, e.transaction_id, e.user_seq, e.recorded_at
            )
            select ok.entry, 'ok'::text, ok.ev + ok.n, w.position, w.transaction_id, w.user_seq, w.recorded_at
              from written w join ok on ok.s = w.stream_id
            union all
            select b.entry, 'conflict'::text, st.version, null::bigint, null::xid8, null::bigint, null::timestamptz
              from b left join streams st on st.stream_id = b.s
             where b.s not in (select ok.s from ok);
        end
        $fn$;
      `);
    },
  },
];
