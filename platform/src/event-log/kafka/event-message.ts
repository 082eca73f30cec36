import { EventEnvelope, upcastEnvelope, type AnyEnvelope } from '@todo/contracts';
import type { IHeaders, Message } from 'kafkajs';

/**
 * One event as a Kafka record. Key: the user id, so one user's events stay in one
 * partition, in order, and the per-user `userseq` can be checked by every consumer.
 * Value: the whole CloudEvents envelope as JSON (structured content, readable by Dapr);
 * the `ce_*` headers repeat the attributes so tools can route and filter without parsing.
 */
export function toKafkaMessage(event: AnyEnvelope): Message {
  return {
    key: event.userid,
    value: JSON.stringify(event),
    headers: {
      'content-type': 'application/cloudevents+json',
      ce_specversion: event.specversion,
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
      ce_subject: event.subject,
      ce_time: event.time,
      ce_userid: event.userid,
      ce_userseq: event.userseq,
      ce_position: event.position,
      ce_streamversion: String(event.streamversion),
      ce_correlationid: event.correlationid,
      ...(event.causationid ? { ce_causationid: event.causationid } : {}),
    },
  };
}

export type Decoded = { ok: true; event: AnyEnvelope } | { ok: false; reason: string };

/**
 * Reads a record back, its data upcast to today's schema; anything that is not a valid
 * envelope is reported, never thrown.
 */
export function fromKafkaValue(value: Buffer | null): Decoded {
  if (value === null) return { ok: false, reason: 'empty value (tombstone)' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  const parsed = EventEnvelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `not an event envelope: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    };
  }
  return { ok: true, event: upcastEnvelope(parsed.data as AnyEnvelope) };
}

export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? String(v[0]) : String(v);
}
