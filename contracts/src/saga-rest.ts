import { z } from 'zod';
import { Recurrence } from './task-fields.ts';
import { SafeText } from './text.ts';

/** REST bodies of the series, reminder and webhook endpoints. */

export const ReminderParams = z.strictObject({
  id: z.uuid({ message: 'must be a task id (UUID)' }),
  reminderId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a reminder id is 1-40 letters, digits, _ or -'),
});

/** Editing the rule of a series: it applies from the next occurrence on. */
export const RecurrenceBody = Recurrence;
export type RecurrenceBody = z.infer<typeof RecurrenceBody>;

export const WebhookBody = z.strictObject({
  url: SafeText.max(2000).url({ message: 'must be an absolute http(s) URL' }),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export const WebhookView = z.object({ url: z.string(), createdAt: z.string() });
export type WebhookView = z.infer<typeof WebhookView>;

/** Returned once, on registration: the secret that signs every delivery (HMAC-SHA256). */
export const RegisteredWebhook = WebhookView.extend({ secret: z.string() });
export type RegisteredWebhook = z.infer<typeof RegisteredWebhook>;

export const WebhookDeliveryView = z.object({
  deliveryId: z.string(),
  eventId: z.string(),
  url: z.string(),
  payload: z.unknown(),
  status: z.enum(['pending', 'delivered', 'failed']),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      attemptedAt: z.string(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;
export const WebhookDeliveryList = z.object({ items: z.array(WebhookDeliveryView) });
