import { TASK_REMINDER_FIRED, toTaskEvent } from '@todo/contracts';
import type { BatchHandler } from '@todo/platform';
import { deterministicUuid } from '../deterministic-id.ts';

export const EMAIL_CHANNEL = 'todo_email';

/**
 * Turns each reminder firing of a user with a verified address into one pending email, in
 * the consumer's transaction with its checkpoint: the firing's event id is the delivery's
 * unique key, so a redelivered batch queues nothing twice. An unverified address gets none.
 */
export function emailEnqueueHandler(onEnqueued: () => void): BatchHandler {
  return async (events, trx) => {
    const firings = events.filter((e) => e.type === TASK_REMINDER_FIRED);
    if (firings.length === 0) return;
    const addresses = new Map<string, string>(
      (
        await trx('email_addresses')
          .whereIn('user_id', [...new Set(firings.map((e) => e.userid))])
          .whereNotNull('verified_at')
          .select('user_id', 'address')
      ).map((a: { user_id: string; address: string }) => [a.user_id, a.address]),
    );
    let enqueued = 0;
    for (const envelope of firings) {
      const address = addresses.get(envelope.userid);
      const event = toTaskEvent(envelope);
      if (!address || !event || event.type !== TASK_REMINDER_FIRED) continue;
      const inserted = await trx('email_deliveries')
        .insert({
          delivery_id: deterministicUuid(`email:delivery:${envelope.id}`),
          kind: 'reminder',
          user_id: envelope.userid,
          firing_id: envelope.id,
          task_id: envelope.subject,
          reminder_id: event.data.reminderId,
          scheduled_for: event.data.scheduledFor,
          address,
          // The firing's own instant (the app clock's), so retries and the give-up count from it.
          created_at: event.data.firedAt,
          next_attempt_at: event.data.firedAt,
        })
        .onConflict('firing_id')
        .ignore()
        .returning('delivery_id');
      enqueued += inserted.length;
    }
    if (enqueued > 0) {
      await trx.raw('select pg_notify(?, ?)', [EMAIL_CHANNEL, String(enqueued)]);
      onEnqueued();
    }
  };
}
