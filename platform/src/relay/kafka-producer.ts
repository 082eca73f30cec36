import type { Kafka, Producer } from 'kafkajs';

/**
 * An idempotent producer: the broker drops a retried batch it already wrote, so a retry
 * after a lost acknowledgement does not duplicate or reorder within the session.
 * Idempotence requires acks=all and at most 5 requests in flight; one keeps order simple.
 */
export async function connectIdempotentProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}
