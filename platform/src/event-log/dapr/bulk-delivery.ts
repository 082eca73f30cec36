import { EventEnvelope, upcastEnvelope, type AnyEnvelope } from '@todo/contracts';

/** What the app answers the sidecar per record. */
export type DaprStatus = 'SUCCESS' | 'RETRY' | 'DROP';

/** One record of a delivery: an event, or why it is not one. */
export type DeliveredRecord = { entryId: string; event: AnyEnvelope } | { entryId: string; invalid: string };

/** How many records the sidecar may hand over at once, and how long it may wait to fill them. */
export interface BulkSettings {
  maxMessagesCount: number;
  maxAwaitDurationMs: number;
}

/**
 * Bulk delivery (Dapr's bulkSubscribe), with `rawPayload` so the sidecar leaves each record's
 * bytes alone: a record that is not JSON becomes a DROP the app decides on (to the dead-letter
 * topic), rather than an entry the sidecar retries for ever. Small enough batches that one is
 * one PostgreSQL transaction; a short wait so a quiet log is not delayed.
 */
export const DEFAULT_BULK: BulkSettings = { maxMessagesCount: 200, maxAwaitDurationMs: 20 };

/** A record's bytes (or the JSON the sidecar already parsed) as a task event, or why not. */
export function readRecord(value: unknown): { event: AnyEnvelope } | { invalid: string } {
  try {
    // With rawPayload the sidecar sends the record's bytes in base64; without it, the JSON.
    const json =
      typeof value === 'string' ? JSON.parse(Buffer.from(value, 'base64').toString('utf8')) : value;
    const parsed = EventEnvelope.safeParse(json);
    if (!parsed.success) return { invalid: parsed.error.issues[0]?.message ?? 'not an event envelope' };
    return { event: upcastEnvelope(parsed.data as AnyEnvelope) };
  } catch (error) {
    return { invalid: (error as Error).message };
  }
}

/**
 * The records of a delivery's body: a bulk delivery's `entries`, each with its `entryId`, or
 * null when the body is a single record (the non-bulk delivery, which the caller reads whole).
 */
export function bulkRecords(body: unknown): DeliveredRecord[] | null {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { entries?: unknown }).entries))
    return null;
  return (body as { entries: Array<{ entryId?: unknown; event?: unknown }> }).entries.map((entry, i) => {
    const entryId = typeof entry?.entryId === 'string' ? entry.entryId : String(i);
    return { entryId, ...readRecord(entry?.event) };
  });
}

/**
 * The statuses of a batch whose events were tried in order: from the first RETRY on, every
 * later event is RETRY too, whatever became of it. The sidecar then hands the batch over
 * again, and an event applied behind one that failed would be dropped as a repeat of its
 * user's sequence: lost. (Applied ones come back as repeats and are dropped, nothing twice.)
 */
export function inOrder(statuses: DaprStatus[]): DaprStatus[] {
  const firstRetry = statuses.indexOf('RETRY');
  return firstRetry < 0 ? statuses : statuses.map((s, i) => (i >= firstRetry ? 'RETRY' : s));
}
