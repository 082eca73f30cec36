import type { EventStore, StoredStream } from '@todo/platform';

/**
 * The store, with each stream's first read answered from streams read ahead for a batch of
 * firings (one round trip for the batch instead of one a firing). A stream is taken from
 * `ahead` as it is read, so a later read (a second firing of the task, after the first one's
 * append, or the same firing tried again alone) goes to the store.
 */
export function withStreamsReadAhead(store: EventStore, ahead: Map<string, StoredStream>): EventStore {
  const take = (streamId: string): StoredStream | undefined => {
    const stream = ahead.get(streamId);
    ahead.delete(streamId);
    return stream;
  };
  return {
    readStream: async (streamId) => take(streamId) ?? store.readStream(streamId),
    readStreams: (streamIds) => store.readStreams(streamIds),
    append: (streamId, expectedVersion, events, options) =>
      store.append(streamId, expectedVersion, events, options),
    in: (transaction) => store.in(transaction),
  };
}
