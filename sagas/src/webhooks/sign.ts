import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-todo-signature';
export const TIMESTAMP_HEADER = 'x-todo-timestamp';
export const DELIVERY_HEADER = 'x-todo-delivery';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed too, so
 * a receiver can refuse old replays; the receiver recomputes it over the raw body.
 */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
