import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ApplyEvents, QuarantinePolicy } from './quarantine-policy.ts';

/**
 * For consumers that have no loop of their own to look for operator retries in (the Kafka
 * and Dapr adapters, whose deliveries are driven by the broker): a slow poll that hands
 * flagged rows to the policy's retry, in a transaction of its own. (The PostgreSQL log
 * looks at every drain instead, under the consumer's lock.)
 */
export function startRetryPoller(
  knex: Knex,
  policy: QuarantinePolicy,
  apply: ApplyEvents,
  log: Logger,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      const flagged = await knex('quarantined_events')
        .where({ consumer: policy.consumer })
        .whereNotNull('retry_requested_at')
        .first('event_id');
      if (!flagged) return;
      const result = await knex.transaction((trx) => policy.retryFlagged(trx, apply));
      log.info(result, 'operator retry of quarantined events done');
    })()
      .catch((err) => log.warn({ err }, 'quarantine retry poll failed; polling on'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
