import { RegisteredWebhook, WebhookBody, WebhookDeliveryList, WebhookView } from '@todo/contracts';
import {
  badRequest,
  currentUser,
  noContent,
  notFound,
  problems,
  type Clock,
  type Knex,
  type ZodApp,
} from '@todo/platform';
import { checkWebhookUrl, privateAddressesAllowed, WebhookUrlRefused } from './address-guard.ts';
import { newWebhookSecret } from './sign.ts';
import { WebhookStore } from './webhook-store.ts';

export interface WebhookRouteDeps {
  knex: Knex;
  /** Says when a webhook is registered. */
  clock: Clock;
  /** Defaults to the operator's WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true. */
  allowPrivateAddresses?: boolean;
}

/**
 * The user's webhook for reminder firings: register (PUT, answers the signing secret
 * once), read, remove, and the recent deliveries with every attempt. They live with the
 * sagas that deliver to it; a launcher mounts them beside the command API, behind the same
 * authentication.
 */
export async function webhookRoutes(app: ZodApp, deps: WebhookRouteDeps): Promise<void> {
  const hooks = new WebhookStore(deps.knex, deps.clock);
  const allowPrivate = deps.allowPrivateAddresses ?? privateAddressesAllowed();

  app.put(
    '/api/webhook',
    { schema: { tags: ['webhooks'], body: WebhookBody, response: { 200: RegisteredWebhook } } },
    async (request) => {
      let url: URL;
      try {
        url = await checkWebhookUrl(request.body.url, allowPrivate);
      } catch (error) {
        if (error instanceof WebhookUrlRefused) {
          throw badRequest(`url: ${error.message}`, [{ field: 'url', message: error.message }]);
        }
        throw error;
      }
      const hook = await hooks.register(currentUser(request).userId, url.toString(), newWebhookSecret());
      return { url: hook.url, secret: hook.secret, createdAt: hook.createdAt };
    },
  );

  app.get(
    '/api/webhook',
    { schema: { tags: ['webhooks'], response: { 200: WebhookView, ...problems(404) } } },
    async (request) => {
      const hook = await hooks.get(currentUser(request).userId);
      if (!hook) throw notFound('no webhook registered');
      return { url: hook.url, createdAt: hook.createdAt };
    },
  );

  app.delete(
    '/api/webhook',
    { schema: { tags: ['webhooks'], response: { 204: noContent('Removed'), ...problems(404) } } },
    async (request, reply) => {
      if (!(await hooks.remove(currentUser(request).userId))) throw notFound('no webhook registered');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/webhook/deliveries',
    { schema: { tags: ['webhooks'], response: { 200: WebhookDeliveryList } } },
    async (request) => ({ items: await hooks.deliveries(currentUser(request).userId) }),
  );
}
