import type { AnyEnvelope } from '@todo/contracts';
import type { Producer } from 'kafkajs';
import { toKafkaMessage } from '../event-log/kafka/event-message.ts';

/**
 * How the relay hands a batch to Kafka: resolves once every event of it is stored by the
 * broker (acks=all), throws otherwise. Two ways: kafkajs directly, or through the relay's
 * Dapr sidecar (dapr-publisher.ts). Both write the same record: key = user id, value = the
 * envelope's JSON, the `ce_*` headers.
 */
export type PublishBatch = (events: AnyEnvelope[]) => Promise<void>;

/** An idempotent kafkajs producer (connectIdempotentProducer): the mode without a sidecar. */
export function kafkaPublisher(producer: Producer, topic: string): PublishBatch {
  return async (events) => {
    await producer.send({ topic, acks: -1, messages: events.map(toKafkaMessage) });
  };
}
