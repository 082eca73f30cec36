import type { ResyncReason } from '@todo/contracts';
import type { FeedBounds } from './change-feed.ts';
import { endOf, seqBefore } from './positions.ts';

export type StreamStart = { kind: 'resume'; cursor: bigint } | { kind: 'resync'; reason: ResyncReason };

/**
 * Where a new connection starts, from the position it asked for and the user's feed
 * bounds. Without a position it starts at the end (the client has just loaded its tasks).
 */
export function decideStart(
  after: bigint | undefined,
  bounds: FeedBounds,
  maxReplayRows: number,
): StreamStart {
  const endSeq = bounds.lastSeq > bounds.prunedThrough ? bounds.lastSeq : bounds.prunedThrough;
  if (after === undefined) return { kind: 'resume', cursor: endOf(endSeq) };
  const haveThrough = seqBefore(after);
  if (haveThrough > endSeq) return { kind: 'resync', reason: 'unknown-position' };
  if (haveThrough < bounds.prunedThrough) return { kind: 'resync', reason: 'position-too-old' };
  if (endSeq - haveThrough > BigInt(maxReplayRows)) return { kind: 'resync', reason: 'position-too-old' };
  return { kind: 'resume', cursor: after };
}
