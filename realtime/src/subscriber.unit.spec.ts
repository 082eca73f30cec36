import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { RealtimeMessage } from '@todo/contracts';
import type { FeedRow } from './feed-row.ts';
import { Subscriber, type FeedReader, type MessageSink } from './subscriber.ts';

/** An in-memory feed whose reads can be held back, to interleave them with live rows. */
class MemoryFeed implements FeedReader {
  rows: FeedRow[] = [];
  hold: Promise<void> | null = null;
  reads = 0;
  append(n: number): FeedRow[] {
    const added: FeedRow[] = [];
    for (let i = 0; i < n; i++) {
      const seq = BigInt(this.rows.length + 1);
      const row: FeedRow = {
        userSeq: seq,
        taskId: `t${seq}`,
        kind: 'upserted',
        task: { id: `t${seq}` },
        eventType: 'todo.task.created.v1',
        eventData: {},
      };
      this.rows.push(row);
      added.push(row);
    }
    return added;
  }
  async readAfter(_user: string, afterSeq: bigint, limit: number): Promise<FeedRow[]> {
    this.reads++;
    const result = this.rows.filter((r) => r.userSeq > afterSeq).slice(0, limit);
    if (this.hold) await this.hold;
    return result;
  }
}

class MemorySink implements MessageSink {
  messages: RealtimeMessage[] = [];
  buffered = 0;
  bytesPerMessage = 0;
  closed: string | null = null;
  send(message: RealtimeMessage) {
    this.messages.push(message);
    this.buffered += this.bytesPerMessage;
  }
  bufferedBytes() {
    return this.buffered;
  }
  close(why: 'resync' | 'error') {
    this.closed = why;
  }
  positions() {
    return this.messages.map((m) => m.position);
  }
}

const limits = { maxBufferedBytes: 1000, pageSize: 3, maxReplayRows: 50, drainTimeoutMs: 200 };
// The subscriber waits for slow clients with timers and Date.now(): fake both, so every case
// runs the same however loaded the machine is. `settle` lets the in-memory feed's promise
// chains run to the end (setImmediate is left real and runs only once they have).
const settle = () => new Promise((r) => setImmediate(r));
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

function subscriber(feed: MemoryFeed, sink: MemorySink, cursor = 0n, overrides = {}) {
  const ended: Subscriber[] = [];
  const s = new Subscriber({
    userId: 'u',
    cursor,
    knownEndSeq: BigInt(feed.rows.length),
    sink,
    feed,
    limits: { ...limits, ...overrides },
    onEnd: (x) => ended.push(x),
  });
  return { s, ended };
}

const evens = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(2 * (from + i)));

describe('Subscriber', () => {
  it('given rows in the feed, when it starts from a position, then it replays page by page and goes live', async () => {
    const feed = new MemoryFeed();
    feed.append(7);
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink, 4n);
    await s.start();
    expect(sink.positions()).toEqual(evens(3, 7));
    s.offer(feed.append(2));
    expect(sink.positions()).toEqual(evens(3, 9));
  });

  it('given rows offered live during the catch-up, then none is lost or sent twice', async () => {
    const feed = new MemoryFeed();
    feed.append(2);
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink);
    let release!: () => void;
    feed.hold = new Promise((r) => (release = r));
    const started = s.start();
    await settle();
    s.offer(feed.append(1)); // arrives while the first read is in flight
    feed.hold = null;
    release();
    await started;
    s.offer(feed.rows.slice(1)); // an overlapping offer
    s.offer(feed.append(1));
    expect(sink.positions()).toEqual(evens(1, 4));
  });

  it('given rows of no task between task rows, then it sends the task rows and reads nothing more', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink);
    await s.start();
    const reads = feed.reads;
    const [first, tokenEvent, third] = feed.append(3);
    Object.assign(tokenEvent!, { kind: 'deleted', task: null, eventType: 'todo.api-token.revoked.v1' });
    s.offer([first!, tokenEvent!]);
    s.offer([third!]);
    await settle();
    expect(sink.positions()).toEqual(['2', '6']);
    // The row that said nothing still moved the cursor: the next row followed on, live.
    expect(feed.reads).toBe(reads);
  });

  it('given a live offer that skips rows, then it reads the gap itself', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink);
    await s.start();
    feed.append(3);
    s.offer(feed.rows.slice(2)); // rows 1 and 2 were never offered
    await settle();
    expect(sink.positions()).toEqual(evens(1, 3));
  });

  it('given a client that stops reading, then it pauses at the bound and finally sends resync', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    sink.bytesPerMessage = 400;
    const { s, ended } = subscriber(feed, sink);
    await s.start();
    s.offer(feed.append(10));
    expect(sink.positions()).toEqual(evens(1, 3)); // 1200 bytes > 1000: stop sending
    await elapse(limits.drainTimeoutMs - 1);
    expect(sink.closed).toBeNull(); // still within the drain timeout: it waits
    expect(sink.positions()).toEqual(evens(1, 3));
    await elapse(100);
    expect(sink.messages.at(-1)).toEqual({ type: 'resync', reason: 'slow-consumer', position: '20' });
    expect(sink.closed).toBe('resync');
    expect(ended).toEqual([s]);
    s.offer(feed.append(1));
    expect(sink.messages).toHaveLength(4);
  });

  it('given a client that reads slowly but keeps up, then it gets everything', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    sink.bytesPerMessage = 400;
    const { s } = subscriber(feed, sink);
    await s.start();
    // One message read every 50 ms: the buffer is back under half within 100 ms, well inside
    // the 200 ms drain timeout, but only after the stream has paused at the bound each page.
    const draining = setInterval(() => (sink.buffered = Math.max(0, sink.buffered - 400)), 50);
    s.offer(feed.append(10));
    expect(sink.positions()).toEqual(evens(1, 3));
    await elapse(1000);
    clearInterval(draining);
    expect(sink.positions()).toEqual(evens(1, 10));
    expect(sink.closed).toBeNull();
  });

  it('given a feed whose next rows were pruned, then it sends resync', async () => {
    const feed = new MemoryFeed();
    feed.append(6);
    feed.rows = feed.rows.slice(3);
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink, 2n);
    await s.start();
    expect(sink.messages).toEqual([{ type: 'resync', reason: 'position-too-old', position: '12' }]);
  });

  it('given a client too far behind, then it sends resync instead of replaying', async () => {
    const feed = new MemoryFeed();
    feed.append(60);
    const sink = new MemorySink();
    const { s } = subscriber(feed, sink, 0n);
    await s.start();
    expect(sink.messages).toEqual([{ type: 'resync', reason: 'position-too-old', position: '120' }]);
    expect(feed.reads).toBe(0);
  });
});
