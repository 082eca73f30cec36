import { readTopicRange, topicBounds, type Knex, type PartitionOffsets } from '@todo/platform';
import { TASKS_CONSUMER, applyToTasks, createTasksTableSql, tasksChecksum } from '@todo/projectors';
import type { Kafka } from 'kafkajs';

export interface KafkaReplayResult {
  table: string;
  events: number;
  skipped: number;
  checksum: { rows: number; md5: string };
  liveChecksum: { rows: number; md5: string };
  equal: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function livePositions(
  db: Knex | Knex.Transaction,
  topic: string,
  lock: boolean,
): Promise<PartitionOffsets> {
  const query = db('kafka_consumer_offsets')
    .where({ consumer: TASKS_CONSUMER, topic })
    .select('partition', 'next_offset');
  const rows: Array<{ partition: number; next_offset: string }> = await (lock ? query.forUpdate() : query);
  return new Map(rows.map((r) => [r.partition, BigInt(r.next_offset) < 0n ? 0n : BigInt(r.next_offset)]));
}

/**
 * Rebuilds the tasks projection from the Kafka log into a fresh table, from the earliest
 * offset, while the live projectors keep running; then compares it with the live table at
 * the same point of the log. That point is fixed by locking the live projection's position
 * rows (its instances wait on the lock between batches), catching the rebuild up to exactly
 * those positions, and taking both checksums in that transaction.
 */
export async function replayTasksFromKafka(options: {
  knex: Knex;
  kafka: Kafka;
  topic: string;
  keep?: boolean;
  onProgress?: (applied: number, total: number) => void;
}): Promise<KafkaReplayResult> {
  const { knex, kafka, topic } = options;
  const table = `tasks_kafka_rebuild_${Date.now()}`;
  await knex.raw(createTasksTableSql(table));
  const { low, high } = await topicBounds(kafka, topic);
  const total = [...high].reduce((n, [p, h]) => n + Number(h - (low.get(p) ?? 0n)), 0);
  const lastSeqs = new Map<string, bigint>();
  let applied = 0;
  const apply = (db: Knex | Knex.Transaction) => async (events: Parameters<typeof applyToTasks>[1]) => {
    const run = (trx: Knex.Transaction) => applyToTasks(trx, events, { table, live: false });
    if ('commit' in db) await run(db as Knex.Transaction);
    else await (db as Knex).transaction(run);
    applied += events.length;
    options.onProgress?.(applied, total);
  };
  const first = await readTopicRange({ kafka, topic, from: low, to: high, lastSeqs, onEvents: apply(knex) });

  // The live projection must have reached the same point before the two can be compared.
  for (;;) {
    const live = await livePositions(knex, topic, false);
    if ([...high].every(([p, h]) => h <= (low.get(p) ?? 0n) || (live.get(p) ?? 0n) >= h)) break;
    await sleep(50);
  }
  return knex.transaction(async (trx) => {
    const live = await livePositions(trx, topic, true);
    const rest = await readTopicRange({ kafka, topic, from: high, to: live, lastSeqs, onEvents: apply(trx) });
    const checksum = await tasksChecksum(trx, table);
    const liveChecksum = await tasksChecksum(trx, 'tasks');
    if (!options.keep) await trx.raw(`drop table ${table}`);
    return {
      table,
      events: first.events + rest.events,
      skipped: first.skipped + rest.skipped,
      checksum,
      liveChecksum,
      equal: checksum.md5 === liveChecksum.md5 && checksum.rows === liveChecksum.rows,
    };
  });
}
