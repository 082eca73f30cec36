import { createHash } from 'node:crypto';

/**
 * A task id derived from what is imported: the same user importing the same row from the
 * same source gets the same id, so the event store (a stream exists once) makes an import
 * idempotent. Formatted as an RFC 9562 version 8 (custom) UUID from SHA-256.
 */
export function importedTaskId(userId: string, source: string, ...parts: string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([userId, source, ...parts]))
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
