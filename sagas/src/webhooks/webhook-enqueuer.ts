import { TASK_REMINDER_FIRED, toTaskEvent } from '@todo/contracts';
import type { BatchHandler, Clock } from '@todo/platform';
import { deterministicUuid } from '../deterministic-id.ts';

export const WEBHOOKS_CHANNEL = 'todo_webhooks';

/** The body POSTed to a user's webhook for each reminder firing. */
export interface ReminderWebhookPayload {
  type: 'reminder.fired';
  deliveryId: string;
  eventId: string;
  position: string;
  taskId: string;
  reminderId: string;
  scheduledFor: string;
  firedAt: string;
  late: boolean;
}

/**
 * Turns each reminder firing of a user who has a webhook into a pending delivery, in the
 * consumer's transaction (so exactly one delivery per firing, even on redelivery). The
 * delivery is created and due at the app's clock, not the database's: the worker counts its
 * retries and its give-up from `created_at` by that clock, and a test pins it.
 */
export function webhookEnqueueHandler(clock: Clock, onEnqueued: () => void): BatchHandler {
  return async (events, trx) => {
    let enqueued = 0;
    const firings = events.filter((e) => e.type === TASK_REMINDER_FIRED);
    if (firings.length === 0) return;
    const hooks = new Map<string, string>(
      (
        await trx('webhooks')
          .whereIn('user_id', [...new Set(firings.map((e) => e.userid))])
          .select('user_id', 'url')
      ).map((h: { user_id: string; url: string }) => [h.user_id, h.url]),
    );
    const now = clock.now();
    for (const envelope of firings) {
      const url = hooks.get(envelope.userid);
      if (!url) continue;
      const event = toTaskEvent(envelope);
      if (!event || event.type !== TASK_REMINDER_FIRED) continue;
      const deliveryId = deterministicUuid(`webhook:delivery:${envelope.id}`);
      const payload: ReminderWebhookPayload = {
        type: 'reminder.fired',
        deliveryId,
        eventId: envelope.id,
        position: envelope.position,
        taskId: envelope.subject,
        ...event.data,
      };
      const inserted = await trx('webhook_deliveries')
        .insert({
          delivery_id: deliveryId,
          user_id: envelope.userid,
          event_id: envelope.id,
          url,
          payload: JSON.stringify(payload),
          created_at: now,
          next_attempt_at: now,
        })
        .onConflict('event_id')
        .ignore()
        .returning('delivery_id');
      enqueued += inserted.length;
    }
    if (enqueued > 0) {
      await trx.raw('select pg_notify(?, ?)', [WEBHOOKS_CHANNEL, String(enqueued)]);
      onEnqueued();
    }
  };
}
