import type { Migration } from '../db/migrations.ts';

/**
 * A group commit: the autocommit appends of different callers that arrive while earlier ones
 * are being written go together in one call of `append_events_batch`, one statement and one
 * transaction (one WAL flush, one round trip) for all of them, each with its own outcome.
 *
 * * Every user lock of the batch is taken first, before anything is written, so the
 *   transaction id comes after all of them (the rule of `append_events`), and in one fixed
 *   order (by lock key), so that two concurrent batches never wait on each other in a cycle.
 * * Then each entry is one call of `append_events`, in arrival order: the same checks and
 *   writes as a single append (its lock is already held and is taken again at no cost), and a
 *   second append of the same stream sees the first's version. A conflict or a repeated id is
 *   that entry's answer (`entry` is its 1-based place in the batch); the others go on.
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
          v_key bigint;
          v_entry jsonb;
          v_i integer;
        begin
          for v_key in
            select distinct hashtextextended(((x ->> 'user')::uuid)::text, 0)
              from jsonb_array_elements(p_batch) x
             order by 1
          loop
            perform pg_advisory_xact_lock(v_key);
          end loop;
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
        end
        $fn$;
      `);
    },
  },
];
