import { describe, expect, it } from '@jest/globals';
import { decideStart } from './stream-opener.ts';

const bounds = (lastSeq: number, prunedThrough = 0) => ({
  lastSeq: BigInt(lastSeq),
  prunedThrough: BigInt(prunedThrough),
});

describe('where a new connection starts', () => {
  it('without a position: at the end of the feed', () => {
    expect(decideStart(undefined, bounds(7), 100)).toEqual({ kind: 'resume', cursor: 14n });
    expect(decideStart(undefined, bounds(0), 100)).toEqual({ kind: 'resume', cursor: 0n });
    expect(decideStart(undefined, bounds(3, 9), 100)).toEqual({ kind: 'resume', cursor: 18n });
  });

  it('from a position still in the feed: there', () => {
    expect(decideStart(4n, bounds(7), 100)).toEqual({ kind: 'resume', cursor: 4n });
    expect(decideStart(14n, bounds(7), 100)).toEqual({ kind: 'resume', cursor: 14n });
    expect(decideStart(0n, bounds(7), 100)).toEqual({ kind: 'resume', cursor: 0n });
    expect(decideStart(10n, bounds(9, 5), 100)).toEqual({ kind: 'resume', cursor: 10n });
  });

  it('from a pruned position, or one too far back: resync', () => {
    expect(decideStart(8n, bounds(9, 5), 100)).toEqual({ kind: 'resync', reason: 'position-too-old' });
    // 2N-1 still needs row N, which may be gone.
    expect(decideStart(9n, bounds(9, 5), 100)).toEqual({ kind: 'resync', reason: 'position-too-old' });
    expect(decideStart(0n, bounds(101), 100)).toEqual({ kind: 'resync', reason: 'position-too-old' });
    expect(decideStart(2n, bounds(101), 100)).toEqual({ kind: 'resume', cursor: 2n });
  });

  it('from a position the feed never reached: resync', () => {
    expect(decideStart(16n, bounds(7), 100)).toEqual({ kind: 'resync', reason: 'unknown-position' });
  });
});
