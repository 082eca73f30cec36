import type { FeedRow } from './feed-row.ts';
import type { Subscriber } from './subscriber.ts';

/** Reads, for many users at once, the feed rows after each one's own position. */
export interface BatchFeedReader {
  readAfterMany(
    requests: { userId: string; afterSeq: bigint }[],
    limitPerUser: number,
  ): Promise<Map<string, FeedRow[]>>;
}

interface Channel {
  subscribers: Set<Subscriber>;
  /** Rows up to here have been offered to the channel's subscribers. */
  lastSeq: bigint;
}

const USERS_PER_READ = 500;

/**
 * The users with connections on this instance. Notified users are collected and their
 * new feed rows read in one query per round (whatever the number of users or devices),
 * then offered to each of the user's connections. One round at a time, so each user's
 * rows are offered in order.
 */
export class UserChannels {
  private readonly channels = new Map<string, Channel>();
  private readonly dirty = new Set<string>();
  private readonly feed: BatchFeedReader;
  private readonly pageSize: number;
  private readonly onError: (error: unknown) => void;
  private reading = false;

  constructor(feed: BatchFeedReader, pageSize: number, onError: (error: unknown) => void) {
    this.feed = feed;
    this.pageSize = pageSize;
    this.onError = onError;
  }

  get userCount(): number {
    return this.channels.size;
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
      channel = { subscribers: new Set(), lastSeq: knownEndSeq };
      this.channels.set(subscriber.userId, channel);
    }
    channel.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    const channel = this.channels.get(subscriber.userId);
    if (!channel) return;
    channel.subscribers.delete(subscriber);
    if (channel.subscribers.size === 0) {
      this.channels.delete(subscriber.userId);
      this.dirty.delete(subscriber.userId);
    }
  }

  /** The user has new feed rows (a notification or the safety poll said so). */
  changed(userId: string): void {
    if (!this.channels.has(userId)) return;
    this.dirty.add(userId);
    if (!this.reading) {
      this.reading = true;
      void this.readRounds();
    }
  }

  private async readRounds(): Promise<void> {
    try {
      while (this.dirty.size > 0) {
        const users = [...this.dirty].slice(0, USERS_PER_READ);
        for (const u of users) this.dirty.delete(u);
        const requests = users.flatMap((userId) => {
          const channel = this.channels.get(userId);
          return channel ? [{ userId, afterSeq: channel.lastSeq }] : [];
        });
        if (requests.length === 0) continue;
        let rowsByUser: Map<string, FeedRow[]>;
        try {
          rowsByUser = await this.feed.readAfterMany(requests, this.pageSize);
        } catch (error) {
          // The safety poll finds these users behind and reads them again.
          this.onError(error);
          continue;
        }
        for (const { userId, afterSeq } of requests) {
          const rows = rowsByUser.get(userId);
          const channel = this.channels.get(userId);
          if (!rows || !channel || channel.lastSeq !== afterSeq) continue;
          channel.lastSeq = rows[rows.length - 1]!.userSeq;
          for (const s of [...channel.subscribers]) {
            // One connection that fails on these rows must not stop the other users' rows.
            try {
              s.offer(rows);
            } catch (error) {
              this.onError(error);
            }
          }
          if (rows.length === this.pageSize) this.dirty.add(userId);
        }
      }
    } finally {
      this.reading = false;
    }
  }
}
