import type { ResyncReason } from '@todo/contracts';
import { realTimers, type Logger, type Timers } from '@todo/platform';
import type { FeedBounds, PostgresChangeFeed } from './change-feed.ts';
import type { RealtimeOptions } from './config.ts';
import { decideStart, type StreamStart } from './stream-opener.ts';
import { Subscriber, type MessageSink } from './subscriber.ts';
import { UserChannels } from './user-channels.ts';

/** Where a connection starts, decided before its client is told the stream is open. */
export interface PreparedStream {
  userId: string;
  bounds: FeedBounds;
  start: StreamStart;
}

/**
 * Everything one instance knows about its open connections: opens a stream for a new
 * connection (resume or resync), feeds notified users' rows to their channels, and
 * checks every connected user now and then in case a notification was lost.
 */
export class ConnectionHub {
  readonly channels: UserChannels;
  private readonly feed: PostgresChangeFeed;
  private readonly options: RealtimeOptions;
  private readonly logger: Logger;
  private checking = false;
  /** Resyncs sent since start, by reason (for metrics and tests). */
  readonly resyncs: Record<ResyncReason, number> = {
    'position-too-old': 0,
    'unknown-position': 0,
    'slow-consumer': 0,
  };

  private readonly settle: (userId: string) => Promise<unknown>;
  private readonly timers: Timers;

  /**
   * `settle` waits until the projection has applied the user's own writes: a client that
   * resumes right after writing must not find its position "ahead" of a feed still behind.
   */
  constructor(
    feed: PostgresChangeFeed,
    options: RealtimeOptions,
    logger: Logger,
    settle: (userId: string) => Promise<unknown> = async () => {},
    timers: Timers = realTimers,
  ) {
    this.settle = settle;
    this.timers = timers;
    this.feed = feed;
    this.options = options;
    this.logger = logger;
    this.channels = new UserChannels(feed, options.pageSize, (err) =>
      logger.warn({ err }, 'reading the change feed failed'),
    );
  }

  /**
   * Fixes where a connection authenticated as `userId` starts, before the client is told
   * the stream is open: a change committed after this is above the start, so it is sent.
   */
  async prepare(userId: string, after: bigint | undefined): Promise<PreparedStream> {
    if (after !== undefined) await this.settle(userId);
    const bounds = await this.feed.bounds(userId);
    return { userId, bounds, start: decideStart(after, bounds, this.options.maxReplayRows) };
  }

  /**
   * Runs after the client was told the stream is open and before its stream starts (a
   * seam for tests: they write there to show such a change is not lost). Nothing by default.
   */
  afterHandshake: (userId: string) => Promise<void> = async () => {};

  /**
   * Starts a prepared stream: `hello` with its start position (or `resync`), then every
   * change after the start.
   */
  async start(prepared: PreparedStream, sink: MessageSink): Promise<Subscriber> {
    const { userId, bounds, start } = prepared;
    const subscriber = new Subscriber({
      userId,
      cursor: start.kind === 'resume' ? start.cursor : 0n,
      knownEndSeq: bounds.lastSeq > bounds.prunedThrough ? bounds.lastSeq : bounds.prunedThrough,
      sink,
      feed: this.feed,
      limits: this.options,
      onEnd: (s) => this.channels.remove(s),
      onResync: (reason) => (this.resyncs[reason] += 1),
      timers: this.timers,
    });
    if (start.kind === 'resync') {
      subscriber.resync(start.reason);
      return subscriber;
    }
    sink.send({ type: 'hello', position: start.cursor.toString() });
    await this.afterHandshake(userId);
    // Joined before the catch-up reads: a row committed meanwhile is either in the
    // catch-up's read or announced to the channel afterwards.
    this.channels.add(subscriber, bounds.lastSeq);
    void subscriber.start();
    return subscriber;
  }

  /** Prepares and starts at once (no client is waiting for a handshake in between). */
  async open(userId: string, after: bigint | undefined, sink: MessageSink): Promise<Subscriber> {
    return this.start(await this.prepare(userId, after), sink);
  }

  usersChanged(userIds: string[]): void {
    for (const id of userIds) this.channels.changed(id);
  }

  /** One query for every connected user; reads on for those the channel is behind. */
  async checkAll(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const users = this.channels.users();
      for (let i = 0; i < users.length; i += 1000) {
        const last = await this.feed.lastSeqs(users.slice(i, i + 1000));
        for (const [userId, seq] of last) {
          const known = this.channels.lastSeqOf(userId);
          if (known !== undefined && seq > known) this.channels.changed(userId);
        }
      }
    } catch (err) {
      this.logger.warn({ err }, 'realtime safety poll failed');
    } finally {
      this.checking = false;
    }
  }
}
