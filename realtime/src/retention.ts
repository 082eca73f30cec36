import type { Logger } from '@todo/platform';
import type { PostgresChangeFeed } from './change-feed.ts';
import type { RealtimeOptions } from './config.ts';
import type { TicketStore } from './tickets.ts';

const PRUNE_BATCH = 5000;

/**
 * Keeps the change feed to its retention and drops expired tickets. Every instance runs
 * it; the work is idempotent, so overlapping runs only cost a little.
 */
export function startRetention(
  feed: PostgresChangeFeed,
  tickets: TicketStore,
  options: RealtimeOptions,
  logger: Logger,
): { stop(): Promise<void>; runOnce(): Promise<number> } {
  let running: Promise<number> | null = null;
  const runOnce = () =>
    (running ??= (async () => {
      let total = 0;
      try {
        await tickets.deleteExpired();
        for (;;) {
          const n = await feed.pruneOlderThan(options.feedRetentionSeconds, PRUNE_BATCH);
          total += n;
          if (n < PRUNE_BATCH) break;
        }
        if (total > 0) logger.info({ rows: total }, 'pruned the realtime change feed');
      } catch (err) {
        logger.warn({ err }, 'pruning the realtime change feed failed');
      } finally {
        running = null;
      }
      return total;
    })());
  const timer = setInterval(() => void runOnce(), options.pruneIntervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
