import type { FeedRow } from './feed-row.ts';
import type { FeedReader, Subscriber } from './subscriber.ts';

interface Channel {
  subscribers: Set<Subscriber>;
  /** Rows up to here have been offered to the channel's subscribers. */
  lastSeq: bigint;
  reading: boolean;
  again: boolean;
}

/**
 * The users with connections on this instance. A notification for a user reads that
 * user's new feed rows once and offers them to each of the user's connections, so the
 * database load follows the write rate, not the number of devices.
 */
export class UserChannels {
  private readonly channels = new Map<string, Channel>();
  private readonly feed: FeedReader;
  private readonly pageSize: number;
  private readonly onError: (error: unknown) => void;

  constructor(feed: FeedReader, pageSize: number, onError: (error: unknown) => void) {
    this.feed = feed;
    this.pageSize = pageSize;
    this.onError = onError;
  }

  get userCount(): number {
    return this.channels.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.subscribers.size;
    return n;
  }

  users(): string[] {
    return [...this.channels.keys()];
  }

  lastSeqOf(userId: string): bigint | undefined {
    return this.channels.get(userId)?.lastSeq;
  }

  /** `knownEndSeq`: the user's last feed row when the connection was accepted. */
  add(subscriber: Subscriber, knownEndSeq: bigint): void {
    let channel = this.channels.get(subscriber.userId);
    if (!channel) {
      channel = { subscribers: new Set(), lastSeq: knownEndSeq, reading: false, again: false };
      this.channels.set(subscriber.userId, channel);
    }
    channel.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    const channel = this.channels.get(subscriber.userId);
    if (!channel) return;
    channel.subscribers.delete(subscriber);
    if (channel.subscribers.size === 0) this.channels.delete(subscriber.userId);
  }

  all(): Subscriber[] {
    return [...this.channels.values()].flatMap((c) => [...c.subscribers]);
  }

  /** The user has new feed rows (a notification or the safety poll said so). */
  changed(userId: string): void {
    const channel = this.channels.get(userId);
    if (!channel) return;
    if (channel.reading) {
      channel.again = true;
      return;
    }
    channel.reading = true;
    void this.read(userId, channel);
  }

  private async read(userId: string, channel: Channel): Promise<void> {
    try {
      do {
        channel.again = false;
        let rows: FeedRow[];
        do {
          rows = await this.feed.readAfter(userId, channel.lastSeq, this.pageSize);
          if (rows.length === 0) break;
          channel.lastSeq = rows[rows.length - 1]!.userSeq;
          for (const s of [...channel.subscribers]) s.offer(rows);
        } while (rows.length === this.pageSize);
      } while (channel.again && this.channels.get(userId) === channel);
    } catch (error) {
      // The next notification or the safety poll reads again from the same place.
      this.onError(error);
    } finally {
      channel.reading = false;
    }
  }
}
