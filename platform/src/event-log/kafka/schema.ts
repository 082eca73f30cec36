import type { Migration } from '../../db/migrations.ts';

/**
 * Where a Kafka consumer keeps its position, in the same PostgreSQL transaction as its
 * effects: Kafka's own committed offsets are only a hint, so a redelivery after a crash or
 * a rebalance finds the effect already recorded and skips it.
 * - `kafka_consumer_offsets`: the next offset to apply per consumer group and partition.
 * - `kafka_consumer_user_seqs`: the last applied per-user sequence, which drops a repeat the
 *   relay published twice (a second copy has a new offset but the same user sequence).
 */
export const kafkaConsumerMigrations: Migration[] = [
  {
    name: '0700_kafka_consumer_positions',
    up: async (knex) => {
      await knex.raw(`
        create table kafka_consumer_offsets (
          consumer text not null,
          topic text not null,
          partition integer not null,
          next_offset bigint not null,
          updated_at timestamptz not null default now(),
          primary key (consumer, topic, partition)
        );
        create table kafka_consumer_user_seqs (
          consumer text not null,
          user_id text not null,
          last_seq bigint not null,
          primary key (consumer, user_id)
        );
      `);
    },
  },
];
