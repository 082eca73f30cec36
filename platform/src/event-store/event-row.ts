import { upcastEventData, type AnyEnvelope } from '@todo/contracts';

/** The shape of a row of the `events` table, shared by the store, the log and replay. */
export interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  user_id: string;
  user_seq: string;
  type: string;
  data: unknown;
  source: string;
  correlation_id: string;
  causation_id: string | null;
  recorded_at: Date;
}

export const EVENT_COLUMNS = [
  'position',
  'transaction_id',
  'event_id',
  'stream_id',
  'stream_version',
  'user_id',
  'user_seq',
  'type',
  'data',
  'source',
  'correlation_id',
  'causation_id',
  'recorded_at',
] as const;

/** A stored row as an envelope, its data upcast to today's schema (see contracts' upcast.ts). */
export function rowToEnvelope(row: EventRow): AnyEnvelope {
  return {
    specversion: '1.0',
    id: row.event_id,
    source: row.source,
    type: row.type,
    subject: row.stream_id,
    time: row.recorded_at.toISOString(),
    datacontenttype: 'application/json',
    data: upcastEventData(row.type, row.data),
    userid: row.user_id,
    streamversion: row.stream_version,
    position: String(row.position),
    userseq: String(row.user_seq),
    correlationid: row.correlation_id,
    causationid: row.causation_id,
  };
}
