import type { AnyEnvelope } from '@todo/contracts';
import { toKafkaMessage } from '../event-log/kafka/event-message.ts';
import type { PublishBatch } from './publish-batch.ts';

export interface DaprPublisherOptions {
  /** The relay's sidecar HTTP API, e.g. http://127.0.0.1:3500. */
  daprHttpUrl: string;
  /** The pub/sub component (deploy/helm/todo/dapr/components/pubsub-kafka.yaml: `task-events`). */
  pubsubName: string;
  topic: string;
  daprApiToken?: string;
}

interface BulkPublishAnswer {
  failedEntries?: Array<{ entryId: string; error: string }>;
}

/**
 * Publishes a batch through the sidecar's bulk publish API. `rawPayload=true`: the record's
 * value is the envelope's JSON as the kafkajs relay writes it (no second CloudEvent around
 * it), so the kafkajs consumers, the Kafka replay and Dapr subscribers read the same
 * records. Per entry, `partitionKey` is the user id (the Kafka key: one user's events in
 * one partition, in order); the other metadata become record headers, the same `ce_*`
 * headers the kafkajs relay writes. Any failed entry fails the whole batch: the relay then
 * sends it again (the repeats carry their user sequence, and consumers drop them).
 */
export function daprPublisher(options: DaprPublisherOptions): PublishBatch {
  const url =
    `${options.daprHttpUrl.replace(/\/$/, '')}/v1.0-alpha1/publish/bulk/` +
    `${encodeURIComponent(options.pubsubName)}/${encodeURIComponent(options.topic)}?metadata.rawPayload=true`;
  const headers = {
    'content-type': 'application/json',
    ...(options.daprApiToken ? { 'dapr-api-token': options.daprApiToken } : {}),
  };
  return async (events: AnyEnvelope[]) => {
    if (events.length === 0) return;
    const body = events.map((event) => {
      const record = toKafkaMessage(event);
      const recordHeaders = Object.fromEntries(
        Object.entries(record.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      return {
        entryId: event.id,
        event,
        contentType: 'application/cloudevents+json',
        metadata: { ...recordHeaders, partitionKey: event.userid },
      };
    });
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.ok) return;
    let failed = '';
    try {
      const answer = JSON.parse(text) as BulkPublishAnswer;
      failed = answer.failedEntries
        ? ` (${answer.failedEntries.length} of ${events.length} entries failed)`
        : '';
    } catch {
      // Not JSON: the text itself says what went wrong.
    }
    throw new DaprPublishError(
      `Dapr bulk publish to ${options.topic} failed: ${res.status}${failed} ${text.slice(0, 500)}`,
      isRetriable(res.status, text),
    );
  };
}

/**
 * A publish the sidecar refused. `retriable` is what the quarantine policy reads: an outage
 * (Kafka down, a leader moving, the component not loaded yet, the circuit breaker open)
 * must be retried as long as it lasts, never set events aside; a record the broker refuses
 * as such (too large, invalid) is the event's own fault and may be quarantined.
 */
export class DaprPublishError extends Error {
  readonly retriable: boolean;
  constructor(message: string, retriable: boolean) {
    super(message);
    this.name = 'DaprPublishError';
    this.retriable = retriable;
  }
}

const RECORD_REFUSED = /too large|MessageSizeTooLarge|InvalidRecord|CorruptMessage|invalid record/i;

export function isRetriable(status: number, answer: string): boolean {
  if (RECORD_REFUSED.test(answer)) return false;
  return status >= 500 || status === 429 || status === 404 || status === 408;
}
