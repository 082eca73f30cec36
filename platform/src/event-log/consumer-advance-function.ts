import type { Migration } from '../db/migrations.ts';

/** SQLSTATE of `consumer_advance` refusing: the batch was planned on a state that moved on. */
export const CONSUMER_MOVED_ON = 'TD001';

/**
 * The gate of a batch committed in one statement (a consumer's `plan`, see event-log.ts): the
 * batch was read and planned outside any transaction, and its writes go out in one autocommit
 * statement with this call. It takes the consumer's lock (one active instance), makes the
 * commit asynchronous (the effects are derived from the durable log), and moves the checkpoint
 * from where the batch was read to its end — only if the checkpoint is still there and its
 * `epoch` unchanged (or, for a first batch, p_epoch null, still missing). Every other writer of the consumer's effects bumps the epoch (a batch in a
 * transaction, an operator retry, the replay's swap), so an unchanged pair proves that the rows
 * the plan read are still the rows to build on. Otherwise it raises CONSUMER_MOVED_ON, which
 * rolls the whole statement back (writes and NOTIFY), and the log applies the batch the usual
 * way, in a transaction under the lock.
 */
export const consumerAdvanceMigrations: Migration[] = [
  {
    name: '0006_consumer_advance_function',
    up: async (knex) => {
      await knex.raw(`
        alter table consumer_checkpoints add column epoch bigint not null default 0;
        create function consumer_advance(
          p_consumer text,
          p_from_tx xid8,
          p_from_pos bigint,
          p_epoch bigint,
          p_to_tx xid8,
          p_to_pos bigint
        ) returns boolean
        language plpgsql as $$
        begin
          if not pg_try_advisory_xact_lock(hashtextextended(p_consumer, 1)) then
            raise exception 'consumer % is busy in another transaction', p_consumer
              using errcode = '${CONSUMER_MOVED_ON}';
          end if;
          perform set_config('synchronous_commit', 'off', true);
          if p_epoch is null then
            -- The consumer's first batch: the checkpoint row must still be missing.
            insert into consumer_checkpoints (consumer, transaction_id, position, epoch, updated_at)
            values (p_consumer, p_to_tx, p_to_pos, 1, now())
            on conflict (consumer) do nothing;
          else
            update consumer_checkpoints
               set transaction_id = p_to_tx, position = p_to_pos, epoch = epoch + 1, updated_at = now()
             where consumer = p_consumer
               and transaction_id = p_from_tx and position = p_from_pos and epoch = p_epoch;
          end if;
          if not found then
            raise exception 'consumer % moved on since its batch was read', p_consumer
              using errcode = '${CONSUMER_MOVED_ON}';
          end if;
          return true;
        end;
        $$;
      `);
    },
  },
];
