import { RealtimePosition } from '@todo/contracts';

/**
 * Client-visible positions. Each feed row N (the user's N-th event, `user_seq`) owns two
 * slots: 2N-1 and 2N. A row sends its main message at 2N; a reminder firing also changes
 * the task (version, updatedAt), so it sends `task.upserted` at 2N-1 before `reminder.due`
 * at 2N. Positions therefore strictly increase per user, survive restarts, are the same
 * on every instance, and a client may resume from any position it has seen.
 */
export const START_POSITION = 0n;

export const slotOf = (userSeq: bigint, part: 'before' | 'main'): bigint =>
  part === 'main' ? 2n * userSeq : 2n * userSeq - 1n;

/** The feed rows still (partly) unsent after `cursor` are those with `user_seq > this`. */
export const seqBefore = (cursor: bigint): bigint => cursor / 2n;

/** The first feed row a client at `cursor` still needs. */
export const nextSeqFor = (cursor: bigint): bigint => cursor / 2n + 1n;

/** The position that means "everything up to and including row `userSeq`". */
export const endOf = (userSeq: bigint): bigint => 2n * userSeq;

/** Parses a client-given position; undefined unless it is one a user's log can reach. */
export function parsePosition(raw: string | undefined | null): bigint | undefined {
  if (raw === undefined || raw === null) return undefined;
  const trimmed = raw.trim();
  if (!RealtimePosition.safeParse(trimmed).success) return undefined;
  return BigInt(trimmed);
}
