import type { AnyEnvelope } from '@todo/contracts';
import type { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../clock.ts';
import type { BatchHandler, EventLog, SubscribeOptions, Subscription } from '../event-log.ts';
import { deadLetterTopic } from './topics.ts';
import { fromKafkaValue } from './event-message.ts';
import { publishToDeadLetter } from './dead-letter.ts';
import { filterRepeats, saveUserSeqsSql } from './user-sequence.ts';
import { policyFor } from '../../quarantine/quarantine-policy.ts';
import { startRetryPoller } from '../../quarantine/retry-poller.ts';
import { superviseConsumer } from './supervised-consumer.ts';

export interface KafkaEventLogOptions {
  kafka: Kafka;
  /** The database the consumers' effects (and so their positions) are written to. */
  knex: Knex;
  topic: string;
  logger: Logger;
  /** How long the group waits for a silent member before giving its partitions away. */
  sessionTimeoutMs?: number;
  /** Partitions of one consumer processed at the same time. */
  partitionsConcurrently?: number;
  /** Stamps dead letters; the system clock unless a test pins one. */
  clock?: Clock;
}

/** A subscription to the Kafka log: also says when this instance has joined its group. */
export interface KafkaSubscription extends Subscription {
  /** Resolves once this instance has joined its consumer group (been given its share). */
  joined(): Promise<void>;
}

/**
 * What one chunk of a partition's messages came to: applied (events set aside included),
 * or go back to `offset` (the stored position, or an event that failed and is tried again).
 */
type ChunkOutcome = { kind: 'applied' } | { kind: 'seek'; offset: string; stalled?: unknown };

const MAX_STALL_BACKOFF_MS = 2000;

const NO_OFFSET = '-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The EventLog port over a Kafka topic, with kafkajs. A consumer name is a consumer group:
 * its instances split the partitions. Positions live in PostgreSQL next to the effects,
 * written in the same transaction, so a batch redelivered after a crash or a rebalance is
 * recognised and skipped; Kafka's committed offsets only save re-reading. A repeated
 * event (the relay re-sent it) is dropped by its per-user sequence. A record that is not a
 * valid event goes to the dead-letter topic and is skipped. An event the handler cannot
 * apply is quarantined by the shared policy (platform/src/quarantine): the chunk is re-applied
 * event by event, and the partition goes on past it. A consumer kafkajs gives up on is
 * replaced (supervised-consumer.ts).
 */
export class KafkaEventLog implements EventLog<KafkaSubscription> {
  private readonly options: KafkaEventLogOptions;
  private admin: Promise<Admin> | null = null;
  private dlqProducer: Promise<Producer> | null = null;

  constructor(options: KafkaEventLogOptions) {
    this.options = options;
  }

  subscribe(consumer: string, handler: BatchHandler, options: SubscribeOptions = {}): KafkaSubscription {
    const { knex, topic } = this.options;
    const chunkSize = options.batchSize ?? 500;
    const log = this.options.logger.child({ consumer, topic });
    let running = true;
    const policy = policyFor(consumer, log, options);
    const retries = startRetryPoller(knex, policy, handler, log);
    /** Partitions whose last chunk failed: apply their next one event by event. */
    const isolating = new Map<number, number>();
    // The highest offset of each partition already sent to the dead-letter topic: a chunk is
    // read again after a rollback (applied event by event, or from a stalled event), and its
    // invalid records must not be dead-lettered again each time.
    const deadLettered = new Map<number, bigint>();

    const applyChunk = (
      partition: number,
      messages: KafkaMessage[],
      isolate: boolean,
    ): Promise<ChunkOutcome> =>
      knex.transaction(async (trx) => {
        // The offset row is the lock that serialises two instances that both believe they
        // own the partition (the moment of a rebalance): an upsert that locks and reads it in
        // one round trip. A consumer of derived data only (a read model) need not wait for
        // its commit's WAL flush: a lost commit loses effect and position together.
        const locked = await trx.raw(
          `insert into kafka_consumer_offsets (consumer, topic, partition, next_offset)
           values (?, ?, ?, ?)
           on conflict (consumer, topic, partition) do update set next_offset = kafka_consumer_offsets.next_offset
           returning next_offset, set_config('synchronous_commit', ?, true) as commit_mode`,
          [consumer, topic, partition, NO_OFFSET, options.derivedEffectsOnly ? 'off' : 'on'],
        );
        const row = locked.rows[0];
        const next = BigInt(row.next_offset);
        const first = BigInt(messages[0]!.offset);
        // Kafka's group offset is ahead of what this database has applied (e.g. a rebuilt
        // database): go back to the stored position rather than skip anything.
        if (next >= 0n && first > next) return { kind: 'seek', offset: next.toString() };
        const fresh = messages.filter((m) => BigInt(m.offset) >= next);
        if (fresh.length === 0) return { kind: 'applied' };

        const valid: AnyEnvelope[] = [];
        const offsets = new Map<string, string>();
        for (const message of fresh) {
          const decoded = fromKafkaValue(message.value);
          if (decoded.ok) {
            valid.push(decoded.event);
            // A repeat (the relay re-sent a batch) keeps its first offset, the one
            // filterRepeats keeps: a stall seeks back to it, skipping nothing.
            if (!offsets.has(decoded.event.id)) offsets.set(decoded.event.id, message.offset);
            continue;
          }
          if (BigInt(message.offset) <= (deadLettered.get(partition) ?? -1n)) continue;
          log.error(
            { partition, offset: message.offset, reason: decoded.reason },
            'invalid record dead-lettered',
          );
          await publishToDeadLetter(await this.producer(), deadLetterTopic(topic), {
            message,
            topic,
            partition,
            consumer,
            reason: decoded.reason,
            at: (this.options.clock ?? systemClock).now(),
          });
          deadLettered.set(partition, BigInt(message.offset));
        }
        const { kept, advanced } = await filterRepeats(trx, consumer, valid, log);
        const parked = kept.length > 0 ? await policy.parked(trx, kept) : new Map<string, string>();
        let nextOffset = (BigInt(fresh.at(-1)!.offset) + 1n).toString();
        let seqs = advanced;
        let stalled: unknown = null;
        if (isolate || parked.size > 0) {
          const outcome = await policy.applyIsolated(
            trx,
            kept,
            handler,
            (i) => `${topic}/${partition}@${offsets.get(kept[i]!.id)}`,
            parked,
          );
          if (outcome.stalled) {
            // Keep what came before the failed event; read again from it.
            stalled = outcome.stalled.error;
            nextOffset = offsets.get(kept[outcome.done]!.id)!;
            seqs = new Map();
            for (const e of kept.slice(0, outcome.done)) seqs.set(e.userid, BigInt(e.userseq));
          }
        } else if (kept.length > 0) {
          await handler(kept, trx);
        }
        // The users' sequences and the partition's position, in one statement.
        const save = saveUserSeqsSql(consumer, seqs);
        await trx.raw(
          `with seqs as (${save.sql})
           update kafka_consumer_offsets set next_offset = ?, updated_at = now()
            where consumer = ? and topic = ? and partition = ?`,
          [...save.bindings, nextOffset, consumer, topic, partition],
        );
        return stalled ? { kind: 'seek', offset: nextOffset, stalled } : { kind: 'applied' };
      });

    /** A chunk as a whole; if it fails for a reason other than the infrastructure, event by event. */
    const applyOrIsolate = async (partition: number, chunk: KafkaMessage[]): Promise<ChunkOutcome> => {
      try {
        return await applyChunk(partition, chunk, isolating.has(partition));
      } catch (error) {
        if (policy.classify(error) === 'transient') throw error; // kafkajs retries, as for any outage
        log.error({ err: error, partition }, 'chunk failed; applying it event by event');
        return applyChunk(partition, chunk, true);
      }
    };

    const run = async (kc: Consumer) => {
      await kc.connect();
      await kc.subscribe({ topic, fromBeginning: true });
      await kc.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 3,
        eachBatch: async ({
          batch,
          resolveOffset,
          heartbeat,
          isRunning,
          isStale,
          commitOffsetsIfNecessary,
        }) => {
          for (let i = 0; i < batch.messages.length; i += chunkSize) {
            if (!isRunning() || isStale()) return;
            const chunk = batch.messages.slice(i, i + chunkSize);
            const outcome = await applyOrIsolate(batch.partition, chunk);
            if (outcome.kind === 'seek' && outcome.stalled) {
              // One event failed on its own: wait a little, then read again from it (it is
              // quarantined once it has failed often enough, or at once if poison).
              const failures = (isolating.get(batch.partition) ?? 0) + 1;
              isolating.set(batch.partition, failures);
              log.error({ err: outcome.stalled, partition: batch.partition }, 'event failed; retrying');
              await heartbeat();
              await sleep(Math.min(100 * 2 ** (failures - 1), MAX_STALL_BACKOFF_MS));
              kc.seek({ topic, partition: batch.partition, offset: outcome.offset });
              return;
            }
            isolating.delete(batch.partition);
            if (outcome.kind === 'seek') {
              log.info({ partition: batch.partition, offset: outcome.offset }, 'seeking to stored position');
              kc.seek({ topic, partition: batch.partition, offset: outcome.offset });
              return;
            }
            resolveOffset(chunk.at(-1)!.offset);
            await heartbeat();
          }
          await commitOffsetsIfNecessary();
        },
      });
    };

    const supervised = superviseConsumer({
      create: (stillRunning) => this.newConsumer(consumer, stillRunning),
      run,
      // On every assignment, start each partition at the position this database holds (or
      // the partition's start when it holds none): Kafka's committed offsets may be ahead of
      // it (a fresh or restored database under an existing group name), and nothing would
      // ever arrive to correct them.
      onJoin: (kc, e) => {
        const partitions = e.payload.memberAssignment[topic] ?? [];
        void this.storedPositions(consumer, partitions)
          .then((positions) => {
            for (const [partition, offset] of positions) kc.seek({ topic, partition, offset });
          })
          .catch((err) => log.warn({ err }, 'could not seek to the stored positions; Kafka offsets used'));
      },
      logger: log,
    });

    return {
      joined: () => supervised.joined(),
      caughtUp: async () => {
        const ends = await (await this.adminClient()).fetchTopicOffsets(topic);
        while (running) {
          const rows: Array<{ partition: number; next_offset: string }> = await knex('kafka_consumer_offsets')
            .where({ consumer, topic })
            .select('partition', 'next_offset');
          const at = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
          const behind = ends.filter(
            (p) => BigInt(p.high) > BigInt(p.low) && (at.get(p.partition) ?? -1n) < BigInt(p.high),
          );
          if (behind.length === 0) return;
          await sleep(20);
        }
      },
      stop: async () => {
        running = false;
        await retries.stop();
        await supervised.stop();
      },
    };
  }

  private newConsumer(groupId: string, running: () => boolean): Consumer {
    return this.options.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20_000,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
      retry: {
        initialRetryTime: 100,
        maxRetryTime: 2000,
        retries: 20,
        restartOnFailure: async () => running(),
      },
    });
  }

  /** Where each partition should be read from, by this database's positions. */
  private async storedPositions(consumer: string, partitions: number[]): Promise<Map<number, string>> {
    const { knex, topic } = this.options;
    const rows: Array<{ partition: number; next_offset: string }> = await knex('kafka_consumer_offsets')
      .where({ consumer, topic })
      .whereIn('partition', partitions)
      .select('partition', 'next_offset');
    const stored = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
    const bounds = await (await this.adminClient()).fetchTopicOffsets(topic);
    const low = new Map(bounds.map((b) => [b.partition, BigInt(b.low)]));
    return new Map(
      partitions.map((p) => {
        const next = stored.get(p) ?? -1n;
        return [p, (next >= 0n ? next : (low.get(p) ?? 0n)).toString()];
      }),
    );
  }

  /** Disconnects the shared admin and dead-letter clients (consumers stop on their own). */
  async close(): Promise<void> {
    const admin = this.admin;
    const producer = this.dlqProducer;
    this.admin = null;
    this.dlqProducer = null;
    await Promise.all([
      admin?.then((a) => a.disconnect()).catch(() => undefined),
      producer?.then((p) => p.disconnect()).catch(() => undefined),
    ]);
  }

  // Shared clients, connected on first use; a failed connect (broker down) is not cached.
  private adminClient(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.options.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = null;
      throw error;
    });
    return this.admin;
  }

  private producer(): Promise<Producer> {
    this.dlqProducer ??= (async () => {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.dlqProducer = null;
      throw error;
    });
    return this.dlqProducer;
  }
}
