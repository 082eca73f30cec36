import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { EventLog, Subscription } from '../event-log/event-log.ts';
import { kafkaPublisher, type PublishBatch } from './publish-batch.ts';

export const RELAY_CONSUMER = 'kafka-relay';

export interface RelayOptions {
  /** The PostgreSQL log of the event store (gap-safe, in log order). */
  source: EventLog;
  /** An idempotent kafkajs producer (`idempotent: true`, which implies acks=all)… */
  producer?: Producer;
  /** …or another way to publish a batch, e.g. through the Dapr sidecar (daprPublisher). */
  publish?: PublishBatch;
  topic: string;
  logger: Logger;
  /** Consumer name of the relay's checkpoint; one relay per topic. */
  name?: string;
  batchSize?: number;
}

/**
 * Publishes every event of the store to Kafka, in log order. It is a consumer of the
 * PostgreSQL log whose effect is the publish: the checkpoint is written in the same
 * transaction only after the broker acknowledged the whole batch (acks=all), so a crash
 * between the two re-sends the batch — the same events with the same ids and user
 * sequences, which consumers recognise and drop. Only one relay runs at a time (the log's
 * per-consumer lock), so the order of a user's events on the topic is the log order.
 */
export function startRelay(options: RelayOptions): Subscription {
  const log = options.logger.child({ component: 'relay', topic: options.topic });
  const publish = options.publish ?? (options.producer && kafkaPublisher(options.producer, options.topic));
  if (!publish) throw new Error('the relay needs a producer or a publish function');
  return options.source.subscribe(
    options.name ?? RELAY_CONSUMER,
    async (events) => {
      await publish(events);
      log.debug({ count: events.length, last: events.at(-1)?.position }, 'published');
    },
    {
      batchSize: options.batchSize ?? 1000,
      // The checkpoint is derived data too: a commit lost in a crash only re-sends the batch
      // (same ids and user sequences, dropped by the consumers), so no WAL flush is awaited.
      derivedEffectsOnly: true,
      // An event the broker refuses for good (too large, say) is quarantined, and the rest of
      // its user's events are parked behind it: the topic is keyed by user, and consumers
      // expect each user's sequence in order. A broker that is down is a transient failure
      // (failure-kind.ts): the batch is retried as long as it takes, nothing is set aside.
      orderBy: 'user',
    },
  );
}
