import { listen, type Logger } from '@todo/platform';
// The tasks projection's NOTIFY channel: the payload lists the users with new feed rows.
import { PROJECTION_CHANNEL } from '@todo/projectors';

export interface FeedListenerOptions {
  connectionString: string;
  logger: Logger;
  /** These users have new rows. */
  onUsers: (userIds: string[]) => void;
  /** Notifications may have been missed (startup, reconnect, safety poll): check everyone. */
  onCheckAll: () => void;
  safetyPollMs: number;
  reconnectMs?: number;
}

/**
 * This instance's one LISTEN connection on the projection channel. Notifications are only
 * a hint; a poll at a slow pace and a check after every (re)connect cover lost ones.
 */
export function startFeedListener(options: FeedListenerOptions): { stop(): Promise<void> } {
  let running = true;
  let connection: { close(): Promise<void> } | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (!running) return;
    let self: { close(): Promise<void> } | null = null;
    try {
      const c = await listen(
        options.connectionString,
        PROJECTION_CHANNEL,
        (payload) => {
          const ids = payload.split(',').filter((s) => s.length > 0);
          if (ids.length === 0) options.onCheckAll();
          else options.onUsers(ids);
        },
        (err) => {
          options.logger.warn({ err }, 'realtime LISTEN connection lost; reconnecting');
          void self?.close();
          if (connection === self) connection = null;
          scheduleReconnect();
        },
      );
      self = c;
      if (!running) return void c.close();
      connection = c;
      options.onCheckAll();
    } catch (err) {
      options.logger.warn({ err }, 'realtime LISTEN failed; retrying');
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (!running || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, options.reconnectMs ?? 1000);
  };

  const poll = setInterval(options.onCheckAll, options.safetyPollMs);
  poll.unref();
  void connect();

  return {
    stop: async () => {
      running = false;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      await connection?.close();
      connection = null;
    },
  };
}
