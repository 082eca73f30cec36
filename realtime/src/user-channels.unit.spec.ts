import { describe, expect, it } from '@jest/globals';
import type { RealtimeMessage } from '@todo/contracts';
import type { FeedRow } from './feed-row.ts';
import { Subscriber } from './subscriber.ts';
import { UserChannels, type BatchFeedReader } from './user-channels.ts';

const rowOf = (seq: number): FeedRow => ({
  userSeq: BigInt(seq),
  taskId: `t${seq}`,
  kind: 'upserted',
  task: { id: `t${seq}` },
  eventType: 'todo.task.created.v1',
  eventData: {},
});

/** Per-user feeds in memory; counts the batched queries. */
class Feeds implements BatchFeedReader {
  rows = new Map<string, FeedRow[]>();
  queries = 0;
  append(user: string, n: number) {
    const list = this.rows.get(user) ?? [];
    for (let i = 0; i < n; i++) list.push(rowOf(list.length + 1));
    this.rows.set(user, list);
  }
  async readAfter(user: string, afterSeq: bigint, limit: number) {
    return (this.rows.get(user) ?? []).filter((r) => r.userSeq > afterSeq).slice(0, limit);
  }
  async readAfterMany(requests: { userId: string; afterSeq: bigint }[], limit: number) {
    this.queries++;
    const out = new Map<string, FeedRow[]>();
    for (const r of requests) {
      const rows = await this.readAfter(r.userId, r.afterSeq, limit);
      if (rows.length) out.set(r.userId, rows);
    }
    return out;
  }
}

function device(feeds: Feeds, channels: UserChannels, user: string) {
  const messages: RealtimeMessage[] = [];
  const s = new Subscriber({
    userId: user,
    cursor: 0n,
    knownEndSeq: 0n,
    sink: { send: (m) => messages.push(m), bufferedBytes: () => 0, close: () => undefined },
    feed: feeds,
    limits: { maxBufferedBytes: 1e6, pageSize: 2, maxReplayRows: 100, drainTimeoutMs: 100 },
    onEnd: (x) => channels.remove(x),
  });
  channels.add(s, 0n);
  return { s, messages, positions: () => messages.map((m) => m.position) };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('UserChannels', () => {
  it('given many notified users, then one query per round serves every device of each, in order', async () => {
    const feeds = new Feeds();
    const channels = new UserChannels(feeds, 2, () => undefined);
    const alice = [device(feeds, channels, 'alice'), device(feeds, channels, 'alice')];
    const bob = device(feeds, channels, 'bob');
    await Promise.all([...alice, bob].map((d) => d.s.start()));
    feeds.queries = 0;

    feeds.append('alice', 5);
    feeds.append('bob', 1);
    channels.changed('alice');
    channels.changed('bob');
    channels.changed('carol'); // no connection here: ignored
    await settle();

    for (const d of alice) expect(d.positions()).toEqual(['2', '4', '6', '8', '10']);
    expect(bob.positions()).toEqual(['2']);
    // Pages of 2: rounds for rows 1-2 (alice, bob), 3-4, 5 (alice only).
    expect(feeds.queries).toBe(3);
  });

  it('given a user whose devices all left, then the user is no longer read', async () => {
    const feeds = new Feeds();
    const channels = new UserChannels(feeds, 10, () => undefined);
    const d = device(feeds, channels, 'dave');
    await d.s.start();
    d.s.detach();
    expect(channels.userCount).toBe(0);
    feeds.queries = 0;
    feeds.append('dave', 1);
    channels.changed('dave');
    await settle();
    expect(feeds.queries).toBe(0);
    expect(d.messages).toEqual([]);
  });
});

describe('UserChannels: a connection that fails on its rows', () => {
  it("given one user's device throwing on its rows, then other users still get theirs and the error is reported", async () => {
    const feeds = new Feeds();
    const errors: unknown[] = [];
    const channels = new UserChannels(feeds, 10, (e) => errors.push(e));
    const broken = device(feeds, channels, 'mallory');
    const bob = device(feeds, channels, 'bob');
    await Promise.all([broken.s.start(), bob.s.start()]);
    broken.s.offer = () => {
      throw new Error('cannot send');
    };
    feeds.append('mallory', 1);
    feeds.append('bob', 2);
    channels.changed('mallory');
    channels.changed('bob');
    await settle();
    expect(bob.positions()).toEqual(['2', '4']);
    expect(errors).toEqual([new Error('cannot send')]);
  });
});
