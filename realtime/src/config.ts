import { intFromEnv } from '@todo/platform';

/** Tunables of the realtime service; every one has a default that suits production. */
export interface RealtimeOptions {
  /** Lifetime of a WebSocket ticket. */
  ticketTtlSeconds: number;
  /** Ping (WebSocket) / comment (SSE) interval; a WebSocket missing one pong is dropped. */
  heartbeatMs: number;
  /** Per-connection bound on queued bytes: past it the stream waits for the client. */
  maxBufferedBytes: number;
  /** A resume needing more feed rows than this gets `resync` (a reload is cheaper). */
  maxReplayRows: number;
  pageSize: number;
  /** A client that does not read half its buffer within this gets `resync`. */
  drainTimeoutMs: number;
  /** Feed rows older than this are pruned; clients resuming from before them resync. */
  feedRetentionSeconds: number;
  pruneIntervalMs: number;
  /** How often every connected user's feed is checked even without a notification. */
  safetyPollMs: number;
  /** Grace for a closing WebSocket to finish its close handshake before it is cut. */
  closeGraceMs: number;
}

export const defaultRealtimeOptions: RealtimeOptions = {
  ticketTtlSeconds: 30,
  heartbeatMs: 25_000,
  maxBufferedBytes: 1024 * 1024,
  maxReplayRows: 10_000,
  pageSize: 500,
  drainTimeoutMs: 15_000,
  feedRetentionSeconds: 7 * 24 * 3600,
  pruneIntervalMs: 10 * 60_000,
  safetyPollMs: 5_000,
  closeGraceMs: 5_000,
};

const intFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number) =>
  intFromEnv(env, name, fallback, 1);

/** `REALTIME_FEED_RETENTION_SECONDS`, `REALTIME_MAX_REPLAY_ROWS`, … override the defaults. */
export function realtimeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RealtimeOptions {
  const d = defaultRealtimeOptions;
  return {
    ...d,
    heartbeatMs: intFrom(env, 'REALTIME_HEARTBEAT_MS', d.heartbeatMs),
    maxBufferedBytes: intFrom(env, 'REALTIME_MAX_BUFFERED_BYTES', d.maxBufferedBytes),
    maxReplayRows: intFrom(env, 'REALTIME_MAX_REPLAY_ROWS', d.maxReplayRows),
    drainTimeoutMs: intFrom(env, 'REALTIME_DRAIN_TIMEOUT_MS', d.drainTimeoutMs),
    feedRetentionSeconds: intFrom(env, 'REALTIME_FEED_RETENTION_SECONDS', d.feedRetentionSeconds),
    pruneIntervalMs: intFrom(env, 'REALTIME_PRUNE_INTERVAL_MS', d.pruneIntervalMs),
    safetyPollMs: intFrom(env, 'REALTIME_SAFETY_POLL_MS', d.safetyPollMs),
  };
}
