import type { RealtimeMessage, ResyncReason } from '@todo/contracts';
import type { FeedRow } from './feed-row.ts';
import { counter, realTimers, type Timers } from '@todo/platform';
import { messagesAfter } from './feed-messages.ts';
import { endOf, nextSeqFor, seqBefore } from './positions.ts';

const unsendableRows = counter(
  'todo_realtime_unsendable_rows_total',
  'Change feed rows the realtime gateway could not turn into messages (skipped, others sent).',
);
const countUnsendable = () => unsendableRows.inc();

/** Reads a user's feed rows with `user_seq > afterSeq`, ascending, at most `limit`. */
export interface FeedReader {
  readAfter(userId: string, afterSeq: bigint, limit: number): Promise<FeedRow[]>;
}

/** One client connection, whatever its transport. */
export interface MessageSink {
  send(message: RealtimeMessage): void;
  /** Bytes queued for this client and not yet handed to the kernel. */
  bufferedBytes(): number;
  /** Ends the connection: after a `resync` message, or because the server failed. */
  close(why: 'resync' | 'error'): void;
}

export interface SubscriberLimits {
  /**
   * Past this many queued bytes the stream pauses for the client (memory stays bounded);
   * a client that does not read half of it within `drainTimeoutMs`, or falls more than
   * `maxReplayRows` behind, gets `resync` and is closed.
   */
  maxBufferedBytes: number;
  /** Rows read per query while catching up. */
  pageSize: number;
  /** Being this many rows behind makes a reload cheaper than a replay: `resync`. */
  maxReplayRows: number;
  /** How long the stream waits for a client to read half its buffer before giving up. */
  drainTimeoutMs: number;
}

/**
 * The stream of one connection. It is either catching up (reading the feed from its own
 * cursor, page by page) or live (taking the rows its user channel reads once for all of
 * the user's connections). Every message sent has a position above the cursor and the
 * cursor only moves by contiguous rows, so nothing is skipped or sent twice: a live row
 * that does not follow on from the cursor sends it back to catching up.
 */
export class Subscriber {
  readonly userId: string;
  private readonly sink: MessageSink;
  private readonly feed: FeedReader;
  private readonly limits: SubscriberLimits;
  private readonly onEnd: (s: Subscriber) => void;
  private readonly onResync: (reason: ResyncReason) => void;
  private readonly timers: Timers;
  private cursor: bigint;
  private knownEndSeq: bigint;
  private state: 'catching-up' | 'live' | 'closed' = 'catching-up';
  private missed = false;
  /** The client's buffer filled up since it was last live. */
  private slowed = false;

  constructor(options: {
    userId: string;
    cursor: bigint;
    knownEndSeq: bigint;
    sink: MessageSink;
    feed: FeedReader;
    limits: SubscriberLimits;
    onEnd: (s: Subscriber) => void;
    onResync?: (reason: ResyncReason) => void;
    /** How the drain timeout is waited for: a test's manual time decides when it is over. */
    timers?: Timers;
  }) {
    this.userId = options.userId;
    this.cursor = options.cursor;
    this.knownEndSeq = options.knownEndSeq;
    this.sink = options.sink;
    this.feed = options.feed;
    this.limits = options.limits;
    this.onEnd = options.onEnd;
    this.onResync = options.onResync ?? (() => undefined);
    this.timers = options.timers ?? realTimers;
  }

  get position(): bigint {
    return this.cursor;
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Sends what the client missed, then goes live. */
  start(): Promise<void> {
    return this.catchUp();
  }

  /** Rows the user channel has just read, ascending and contiguous among themselves. */
  offer(rows: FeedRow[]): void {
    if (rows.length === 0 || this.state === 'closed') return;
    this.noteEnd(rows[rows.length - 1]!.userSeq);
    if (this.state === 'catching-up') {
      this.missed = true; // the catch-up loop reads again before going live
      return;
    }
    if (rows[0]!.userSeq > nextSeqFor(this.cursor)) {
      // Not contiguous with what this client has: read the gap itself.
      void this.catchUp();
      return;
    }
    if (!this.deliver(rows)) void this.catchUp();
  }

  /** The connection went away (client closed, heartbeat lost, server stopping). */
  detach(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.onEnd(this);
  }

  resync(reason: ResyncReason): void {
    if (this.state === 'closed') return;
    const end = endOf(this.knownEndSeq > seqBefore(this.cursor) ? this.knownEndSeq : seqBefore(this.cursor));
    this.onResync(reason);
    this.sink.send({ type: 'resync', position: end.toString(), reason });
    this.sink.close('resync');
    this.detach();
  }

  private async catchUp(): Promise<void> {
    this.state = 'catching-up';
    try {
      for (;;) {
        if (!(await this.drained())) return this.resync('slow-consumer');
        if (this.isClosed) return;
        if (this.knownEndSeq - seqBefore(this.cursor) > BigInt(this.limits.maxReplayRows)) {
          return this.resync(this.slowed ? 'slow-consumer' : 'position-too-old');
        }
        this.missed = false;
        const rows = await this.feed.readAfter(this.userId, seqBefore(this.cursor), this.limits.pageSize);
        if (this.isClosed) return;
        if (rows.length > 0) {
          this.noteEnd(rows[rows.length - 1]!.userSeq);
          // Rows the client needs are gone (pruned): it cannot be brought up to date here.
          if (rows[0]!.userSeq > nextSeqFor(this.cursor)) return this.resync('position-too-old');
          if (!this.deliver(rows)) continue; // buffer full: wait for the client, then go on
        }
        if (rows.length === this.limits.pageSize || this.missed) continue;
        this.state = 'live';
        this.slowed = false;
        return;
      }
    } catch {
      // The client reconnects from its last position; nothing was skipped.
      if (this.isClosed) return;
      this.sink.close('error');
      this.detach();
    }
  }

  /**
   * Sends the rows' messages above the cursor until the client's buffer is full; false
   * if it filled up (the rest is read again from the feed once the client has drained).
   */
  private deliver(rows: FeedRow[]): boolean {
    for (const message of messagesAfter(rows, this.cursor, countUnsendable)) {
      this.sink.send(message);
      this.cursor = BigInt(message.position);
      if (this.sink.bufferedBytes() > this.limits.maxBufferedBytes) {
        this.slowed = true;
        return false;
      }
    }
    // Every message of these (contiguous) rows is sent: the cursor passes the rows that had
    // none to send too (rows of no task), so the next live row follows on without a read.
    const last = rows[rows.length - 1];
    if (last && endOf(last.userSeq) > this.cursor) this.cursor = endOf(last.userSeq);
    return true;
  }

  /**
   * Waits for the client to read half its buffer, at most `drainTimeoutMs` (on `timers`).
   * The buffer is looked at every 20 ms: how often to look, not a deadline.
   */
  private async drained(): Promise<boolean> {
    let timedOut = false;
    const cancel = this.timers.set(() => (timedOut = true), this.limits.drainTimeoutMs);
    try {
      while (this.sink.bufferedBytes() > this.limits.maxBufferedBytes / 2) {
        if (this.isClosed) return true;
        if (timedOut) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return true;
    } finally {
      cancel();
    }
  }

  private noteEnd(seq: bigint): void {
    if (seq > this.knownEndSeq) this.knownEndSeq = seq;
  }
}
