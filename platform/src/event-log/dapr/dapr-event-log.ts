import type { AnyEnvelope } from '@todo/contracts';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BatchWrites } from '../batch-writes.ts';
import { runBatchWrites } from '../batch-writes.ts';
import type { BatchHandler, BatchPlanner, EventLog, SubscribeOptions, Subscription } from '../event-log.ts';
import { claimFresh } from '../kafka/user-sequence.ts';
import { prefetchQuery } from './prefetched.ts';
import { policyFor, type QuarantinePolicy } from '../../quarantine/quarantine-policy.ts';
import { startRetryPoller } from '../../quarantine/retry-poller.ts';
import {
  bulkRecords,
  DEFAULT_BULK,
  inOrder,
  readRecord,
  type BulkSettings,
  type DaprStatus,
  type DeliveredRecord,
} from './bulk-delivery.ts';

export interface DaprEventLogOptions {
  knex: Knex;
  logger: Logger;
  /** The Dapr pub/sub component (deploy/helm/todo/dapr/components/pubsub-kafka.yaml). */
  pubsubName: string;
  topic: string;
  deadLetterTopic?: string;
  /** Serve `GET /dapr/subscribe` too (off when the subscription is declared in YAML). */
  programmatic?: boolean;
  /** The programmatic subscription's bulk delivery (default DEFAULT_BULK); false: one by one. */
  bulk?: BulkSettings | false;
}

/** Rolls back the failure's transaction: nothing to keep, the sidecar redelivers. */
class RetryLater extends Error {}

/** Rolls back a batch's transaction so its events are tried one by one instead. */
class OneByOne extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The largest record the pub/sub component takes (`maxMessageBytes` in pubsub-kafka.yaml). */
const MAX_RECORD_BYTES = 1_048_576;

/**
 * The largest delivery the sidecar may send: a full bulk batch of the largest records, in
 * base64, with room for the entries' metadata. Fastify's default (1 MiB) answered 413 to a
 * batch of 200 tasks with ten reminders each; the sidecar retries a 413 with the same batch
 * for ever, and the partition stood still behind it (the sagas scheduled no more reminders).
 */
function deliveryBodyLimit(bulk: BulkSettings | false): number {
  const records = bulk ? bulk.maxMessagesCount : 1;
  return Math.ceil(records * (MAX_RECORD_BYTES * (4 / 3) + 4096));
}

/**
 * Per consumer: its handler, its quarantine policy, its retry poller, and whether it holds
 * derived data only (a read model). Such a consumer's transaction commits without waiting
 * for the WAL flush, as on the kafkajs adapter; a lost commit loses effect and position
 * together, and the sidecar delivers again. It matters more here: a sidecar hands over the
 * batches of all its partitions one at a time (the Kafka component's one lock), so a flush
 * wait holds up every partition of the app.
 */
interface Consumer {
  handler: BatchHandler;
  policy: QuarantinePolicy;
  retries: { stop(): Promise<void> };
  derivedEffectsOnly: boolean;
  /** The subscription's plan and the prefetch it builds on (SubscribeOptions), if any. */
  planned?: { plan: BatchPlanner; prefetch: string };
}

export function daprEventRoute(topic: string): string {
  return `/dapr/events/${topic}`;
}

/**
 * The EventLog port over Dapr pub/sub. The sidecar delivers the records of the topic (one
 * partition at a time, in order; in bulk, up to `maxMessagesCount` at once) to one route of
 * this app; the route hands the events to every consumer subscribed in this process, each
 * batch in its own PostgreSQL transaction with its positions (the user's sequence, as for
 * the kafkajs adapter), so a redelivery is dropped. One record at a time a consumer manages
 * about a hundred a second here (a round trip and a transaction each); in bulk, thousands.
 * Never throws to the sidecar (a handler error would count as success and lose the event):
 * a failure answers RETRY, a record that is not an event answers DROP (the subscription's
 * dead-letter topic keeps it). An event a consumer fails to apply several times (or at once,
 * when the failure is poison) is quarantined by the shared policy and answered SUCCESS, so
 * the sidecar neither redelivers it forever nor loses it; a transient failure stays RETRY. The route exists from construction, i.e. before the server
 * listens, so the sidecar finds the subscription when it starts.
 */
export class DaprEventLog implements EventLog {
  private readonly options: DaprEventLogOptions;
  private readonly consumers = new Map<string, Consumer>();

  constructor(app: FastifyInstance, options: DaprEventLogOptions) {
    this.options = options;
    const route = daprEventRoute(options.topic);
    const log = options.logger.child({ component: 'dapr-event-log', topic: options.topic });
    app.register(async (scope) => {
      // Dapr sends application/cloudevents+json; parse it here so garbage becomes DROP, not 400.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      const bulk = options.bulk ?? DEFAULT_BULK;
      if (options.programmatic) {
        scope.get('/dapr/subscribe', { config: { public: true }, schema: { hide: true } }, async () => [
          {
            pubsubname: options.pubsubName,
            topic: options.topic,
            route,
            ...(options.deadLetterTopic ? { deadLetterTopic: options.deadLetterTopic } : {}),
            ...(bulk ? { bulkSubscribe: { enabled: true, ...bulk }, metadata: { rawPayload: 'true' } } : {}),
          },
        ]);
      }
      scope.post(
        route,
        { config: { public: true }, schema: { hide: true }, bodyLimit: deliveryBodyLimit(bulk) },
        async (request, reply) => {
          let body: unknown;
          try {
            body = JSON.parse(((request.body as Buffer | undefined) ?? Buffer.alloc(0)).toString('utf8'));
          } catch {
            body = undefined;
          }
          const records = bulkRecords(body);
          if (records) {
            const statuses = await this.deliverBulk(records, log);
            return reply
              .code(200)
              .send({ statuses: records.map((r, i) => ({ entryId: r.entryId, status: statuses[i] })) });
          }
          const record = body === undefined ? { invalid: 'not JSON' } : readRecord(body);
          const status =
            'event' in record ? await this.deliver(record.event) : this.dropped(record.invalid, log);
          return reply.code(200).send({ status });
        },
      );
    });
  }

  private dropped(reason: string, log: Logger): DaprStatus {
    log.error({ reason }, 'invalid record dropped to the dead-letter topic');
    return 'DROP';
  }

  /** One record on its own (a delivery that is not bulk). */
  private async deliver(event: AnyEnvelope): Promise<DaprStatus> {
    const log = this.options.logger;
    // Nobody here to apply it yet (starting or stopping): keep it in the log.
    if (this.consumers.size === 0) return 'RETRY';
    let status: DaprStatus = 'SUCCESS';
    for (const [name, consumer] of this.consumers) {
      if ((await this.deliverTo(name, consumer, event, log)) === 'RETRY') status = 'RETRY';
    }
    // A consumer that already applied it drops the redelivery by its user sequence.
    return status;
  }

  /**
   * A bulk delivery: for each consumer, the batch's events in one transaction with their
   * positions; if that fails (or a stream is parked behind a quarantined event), one by one
   * as a single delivery would be, stopping at the first that must be tried again.
   */
  private async deliverBulk(records: DeliveredRecord[], log: Logger): Promise<DaprStatus[]> {
    const statuses = records.map((r): DaprStatus =>
      'event' in r ? 'SUCCESS' : this.dropped(r.invalid, log),
    );
    const events = records.flatMap((r, i) => ('event' in r ? [{ i, event: r.event }] : []));
    if (events.length === 0) return statuses;
    if (this.consumers.size === 0) return statuses.map((s) => (s === 'DROP' ? s : 'RETRY'));
    for (const [name, consumer] of this.consumers) {
      if (
        await this.applyBatch(
          name,
          consumer,
          events.map((e) => e.event),
          log,
        )
      )
        continue;
      for (const [k, { event }] of events.entries()) {
        if ((await this.deliverTo(name, consumer, event, log)) !== 'RETRY') continue;
        for (const later of events.slice(k)) statuses[later.i] = 'RETRY';
        break;
      }
    }
    return inOrder(statuses);
  }

  /**
   * The events past the consumer's position and, of those, the streams parked behind a
   * quarantined event and (for a planned subscription) what its plan builds on, in one
   * statement with the claim of the users' sequences.
   */
  private async claim(
    trx: Knex.Transaction,
    name: string,
    consumer: Consumer,
    events: AnyEnvelope[],
    log: Logger,
  ): Promise<{ fresh: AnyEnvelope[]; parked: Map<string, string>; prefetched: unknown[] | null }> {
    const parkedQuery = consumer.policy.parkedQuery(events);
    const prefetch = consumer.planned && prefetchQuery(consumer.planned.prefetch, events);
    const claim = await claimFresh(trx, name, events, log, {
      alongside: {
        sql: `json_build_array(${parkedQuery.sql}, ${prefetch ? prefetch.sql : 'null'})`,
        bindings: [...parkedQuery.bindings, ...(prefetch ? prefetch.bindings : [])],
      },
      ...(consumer.derivedEffectsOnly ? { synchronousCommit: 'off' as const } : {}),
    });
    const fresh = claim.kept;
    if (fresh.length === 0) return { fresh, parked: new Map(), prefetched: null };
    const [parkedValue, prefetchedValue] = claim.alongside as [unknown, unknown];
    // The claim waited for another delivery of these users (a redelivery, a rebalance),
    // which may have quarantined an event, or changed a row, that the statement's snapshot
    // did not see: read again after it. (The retry poller leaves the sequences alone; what it
    // quarantines or releases is committed before it, and applyIsolated checks again.)
    if (claim.moved) return { fresh, parked: await consumer.policy.parked(trx, fresh), prefetched: null };
    return {
      fresh,
      parked: parkedQuery.read(parkedValue, fresh),
      prefetched: prefetch ? prefetch.read(prefetchedValue, fresh) : null,
    };
  }

  /** The whole batch for one consumer in one transaction; false when it must go one by one. */
  private async applyBatch(
    name: string,
    consumer: Consumer,
    events: AnyEnvelope[],
    log: Logger,
  ): Promise<boolean> {
    try {
      await this.options.knex.transaction(async (trx) => {
        const { fresh, parked, prefetched } = await this.claim(trx, name, consumer, events, log);
        if (fresh.length === 0) return;
        if (parked.size > 0) throw new OneByOne();
        // Planned: its writes in one statement, on the rows the claim read with it.
        const writes: BatchWrites | null =
          consumer.planned && prefetched ? await consumer.planned.plan(fresh, trx, prefetched) : null;
        if (writes) await runBatchWrites(trx, writes);
        else await consumer.handler(fresh, trx);
      });
      return true;
    } catch (err) {
      if (!(err instanceof OneByOne))
        log.warn({ err, consumer: name, events: events.length }, 'batch failed; one by one');
      return false;
    }
  }

  /** One consumer, one event: applied, or set aside by the quarantine policy, or RETRY. */
  private async deliverTo(
    name: string,
    consumer: Consumer,
    event: AnyEnvelope,
    log: Logger,
  ): Promise<DaprStatus> {
    const { handler, policy } = consumer;
    const knex = this.options.knex;
    const cursor = () => `${this.options.topic}#${event.userid}/${event.userseq}`;
    let failure: unknown;
    try {
      await knex.transaction(async (trx) => {
        const { fresh, parked } = await this.claim(trx, name, consumer, [event], log);
        if (fresh.length === 0) return;
        if (parked.size === 0) return handler(fresh, trx);
        // Parked behind a quarantined event of its stream, or (when an operator retry just
        // released the stream) applied on its own; an event that stalls must not be answered
        // SUCCESS with its user sequence advanced, or it would be lost: RETRY it instead.
        const outcome = await policy.applyIsolated(trx, fresh, handler, cursor, parked);
        if (outcome.stalled) throw outcome.stalled.error;
      });
      return 'SUCCESS';
    } catch (err) {
      failure = err;
      if (policy.classify(err) === 'transient') {
        log.warn({ err, id: event.id, consumer: name }, 'consumer failed; asking the sidecar to retry');
        return 'RETRY';
      }
    }
    // Not the infrastructure: count the failure; once the policy says so, set it aside
    // (its user sequence advances with it) and answer SUCCESS, so the sidecar goes on.
    try {
      await knex.transaction(async (trx) => {
        const { kept: fresh } = await claimFresh(trx, name, [event], log);
        if (fresh.length === 0) return;
        if (!(await policy.failedAlone(trx, event, failure, policy.classify(failure), cursor()))) {
          throw new RetryLater();
        }
        await policy.afterQuarantine([event], trx);
      });
      return 'SUCCESS';
    } catch (err) {
      if (!(err instanceof RetryLater))
        log.warn({ err, id: event.id, consumer: name }, 'could not quarantine; retry');
      return 'RETRY';
    }
  }

  subscribe(consumer: string, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    if (this.consumers.has(consumer)) throw new Error(`consumer ${consumer} is already subscribed`);
    const policy = policyFor(consumer, this.options.logger, options);
    const retries = startRetryPoller(this.options.knex, policy, handler, this.options.logger);
    this.consumers.set(consumer, {
      handler,
      policy,
      retries,
      derivedEffectsOnly: options.derivedEffectsOnly ?? false,
      ...(options.plan && options.prefetch
        ? { planned: { plan: options.plan, prefetch: options.prefetch } }
        : {}),
    });
    const knex = this.options.knex;
    let running = true;
    return {
      // Caught up when this consumer has applied, for every user, the sequence the store
      // had given out when the call was made.
      caughtUp: async () => {
        const target: Array<{ user_id: string; last_seq: string }> = await knex('user_logs').select(
          'user_id',
          'last_seq',
        );
        while (running) {
          const rows: Array<{ user_id: string; last_seq: string }> = await knex('kafka_consumer_user_seqs')
            .where({ consumer })
            .select('user_id', 'last_seq');
          const at = new Map(rows.map((r) => [r.user_id, BigInt(r.last_seq)]));
          if (target.every((t) => (at.get(t.user_id) ?? 0n) >= BigInt(t.last_seq))) return;
          await sleep(20);
        }
      },
      stop: async () => {
        running = false;
        this.consumers.delete(consumer);
        await retries.stop();
      },
    };
  }
}
