import { systemClock, type Clock, type Knex, type Logger } from '@todo/platform';
import { claimDue, earliestPending } from '../delivery/claim-due.ts';
import { DeliveryLoop } from '../delivery/delivery-loop.ts';
import type { Timers } from '../scheduler/timers.ts';
import { FIRST_RETRY_MS, nextAttemptAt } from './backoff.ts';
import { sendWebhook } from './send-webhook.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './sign.ts';
import { WEBHOOKS_CHANNEL } from './webhook-enqueuer.ts';

export interface WebhookWorkerOptions {
  knex: Knex;
  connectionString: string;
  logger: Logger;
  clock?: Clock;
  timers?: Timers;
  allowPrivate: boolean;
  firstRetryMs?: number;
}

interface Claimed {
  delivery_id: string;
  user_id: string;
  url: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

/**
 * Delivers pending webhook deliveries: claims due ones (SKIP LOCKED, with a lease so the
 * POST happens outside any transaction), signs and POSTs them, records every attempt, and
 * retries with exponential backoff for up to 24 hours. A receiver may see a delivery more
 * than once (after a crash mid-POST); the delivery id header lets it tell.
 */
export class WebhookWorker {
  private readonly o: WebhookWorkerOptions;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly loop: DeliveryLoop<Claimed>;

  constructor(options: WebhookWorkerOptions) {
    this.o = options;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger.child({ component: 'webhook-worker' });
    this.loop = new DeliveryLoop<Claimed>({
      connectionString: options.connectionString,
      channel: WEBHOOKS_CHANNEL,
      logger: this.log,
      clock: this.clock,
      ...(options.timers ? { timers: options.timers } : {}),
      claim: () => this.claim(),
      deliver: (c) => this.deliver(c),
      nextAttemptAt: () => earliestPending(this.o.knex, 'webhook_deliveries'),
    });
  }

  wake(): void {
    this.loop.wake();
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private claim(): Promise<Claimed[]> {
    return claimDue<Claimed>(
      this.o.knex,
      'webhook_deliveries',
      ['delivery_id', 'user_id', 'url', 'payload', 'attempts', 'created_at'],
      this.clock.now(),
    );
  }

  private async deliver(c: Claimed): Promise<void> {
    const hook = await this.o.knex('webhooks').where({ user_id: c.user_id }).first('secret', 'url');
    const attempt = c.attempts + 1;
    const attemptedAt = this.clock.now();
    const body = JSON.stringify(c.payload);
    const timestamp = String(Math.floor(attemptedAt.getTime() / 1000));
    const result = hook
      ? await sendWebhook(
          c.url,
          body,
          {
            [SIGNATURE_HEADER]: signPayload(hook.secret, timestamp, body),
            [TIMESTAMP_HEADER]: timestamp,
            [DELIVERY_HEADER]: c.delivery_id,
          },
          this.o.allowPrivate,
        )
      : { statusCode: null, error: 'the webhook was removed', durationMs: 0 };
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const retryAt =
      ok || !hook
        ? null
        : nextAttemptAt(c.created_at, attempt, this.clock.now(), this.o.firstRetryMs ?? FIRST_RETRY_MS);
    await this.o.knex.transaction(async (trx) => {
      await trx('webhook_attempts').insert({
        delivery_id: c.delivery_id,
        attempt,
        attempted_at: attemptedAt,
        status_code: result.statusCode,
        error: result.error ?? (ok ? null : `HTTP ${result.statusCode}`),
        duration_ms: result.durationMs,
      });
      await trx('webhook_deliveries')
        .where({ delivery_id: c.delivery_id })
        .update({
          attempts: attempt,
          status: ok ? 'delivered' : retryAt ? 'pending' : 'failed',
          next_attempt_at: retryAt,
          finished_at: ok || !retryAt ? this.clock.now() : null,
        });
    });
  }
}
