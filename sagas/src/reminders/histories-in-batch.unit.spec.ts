import { describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { historiesInBatch } from './histories-in-batch.ts';

const event = (subject: string, streamversion: number) => ({ subject, streamversion }) as AnyEnvelope;
const versions = (histories: Map<string, AnyEnvelope[]>) =>
  Object.fromEntries([...histories].map(([s, h]) => [s, h.map((e) => e.streamversion)]));

describe('histories in a batch', () => {
  it('given streams that begin in the batch, each has its events from version 1 in order', () =>
    expect(versions(historiesInBatch([event('a', 1), event('b', 1), event('a', 2), event('a', 3)]))).toEqual({
      a: [1, 2, 3],
      b: [1],
    }));

  it('given a stream begun in an earlier batch, it is left out (its history must be read)', () =>
    expect(versions(historiesInBatch([event('a', 4), event('a', 5), event('b', 1)]))).toEqual({ b: [1] }));

  it('given a gap or a repeat in a stream, it is left out even if it began here', () => {
    expect(versions(historiesInBatch([event('a', 1), event('a', 3)]))).toEqual({});
    expect(versions(historiesInBatch([event('a', 1), event('a', 1), event('a', 2)]))).toEqual({});
  });

  it('given no events, there is no history', () => expect(historiesInBatch([]).size).toBe(0));
});
