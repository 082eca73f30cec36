import { TASK_REMINDER_FIRED, toTaskEvent } from '@todo/contracts';
import type { EventLog, Subscription } from '@todo/platform';
import { deterministicUuid } from '../deterministic-id.ts';

export const WEBHOOKS_CONSUMER = 'saga.webhooks';
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
 * consumer's transaction (so exactly one delivery per firing, even on redelivery).
 */
export function startWebhookEnqueuer(eventLog: EventLog, onEnqueued: () => void): Subscription {
  return eventLog.subscribe(WEBHOOKS_CONSUMER, async (events, trx) => {
    let enqueued = 0;
    for (const envelope of events) {
      if (envelope.type !== TASK_REMINDER_FIRED) continue;
      const event = toTaskEvent(envelope);
      if (!event || event.type !== TASK_REMINDER_FIRED) continue;
      const hook = await trx('webhooks').where({ user_id: envelope.userid }).first('url');
      if (!hook) continue;
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
          url: hook.url,
          payload: JSON.stringify(payload),
          next_attempt_at: trx.fn.now(),
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
  });
}
