import { describe, expect, it } from '@jest/globals';
import type { EventStore, StoredStream } from '@todo/platform';
import { withStreamsReadAhead } from './streams-read-ahead.ts';

const stream = (version: number): StoredStream => ({ userId: 'u1', version, events: [] });

/** A store that answers every read with version 9 and counts the reads it was asked. */
function countingStore(): { store: EventStore; reads: string[] } {
  const reads: string[] = [];
  const store = {
    readStream: async (id: string) => {
      reads.push(id);
      return stream(9);
    },
  } as unknown as EventStore;
  return { store, reads };
}

describe('streams read ahead for a batch of firings', () => {
  it('answers a stream’s first read from what was read ahead, without asking the store', async () => {
    const { store, reads } = countingStore();
    const ahead = new Map([['t1', stream(3)]]);
    expect(await withStreamsReadAhead(store, ahead).readStream('t1')).toEqual(stream(3));
    expect(reads).toEqual([]);
  });

  it('asks the store on a second read of the stream (after the first firing appended to it)', async () => {
    const { store, reads } = countingStore();
    const ahead = new Map([['t1', stream(3)]]);
    const batchStore = withStreamsReadAhead(store, ahead);
    await batchStore.readStream('t1');
    expect(await batchStore.readStream('t1')).toEqual(stream(9));
    expect(reads).toEqual(['t1']);
  });

  it('asks the store for a stream that was not read ahead', async () => {
    const { store, reads } = countingStore();
    expect(await withStreamsReadAhead(store, new Map()).readStream('t2')).toEqual(stream(9));
    expect(reads).toEqual(['t2']);
  });
});
