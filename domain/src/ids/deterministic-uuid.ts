import { createHash } from 'node:crypto';

/** Namespace of this system's name-based ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c2b9e4d3a4e6f8a0b1c2d3e4f5a6b', 'hex');

/**
 * A UUID version 5 (RFC 9562, SHA-1, name-based) for `name`: the same name always gives
 * the same id. Sagas derive the ids of what they write from what caused it, so a repeated
 * delivery, a restart between steps or a second instance writes the very same id, which
 * the event store refuses to take twice. The command side names per-user streams with it.
 */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
