import { EmailAddressBody, EmailSettingsView } from '@todo/contracts';
import {
  badRequest,
  conflict,
  currentUser,
  HttpProblem,
  noContent,
  notFound,
  problems,
  tooManyRequests,
  type Clock,
  type Knex,
  type ZodApp,
} from '@todo/platform';
import { EmailAddressStore } from './email-address-store.ts';
import type { LinkCheck } from './email-links.ts';
import type { EmailSetup } from './email-setup.ts';
import { mailLinkRoutes } from './mail-link-routes.ts';

/** One verification mail per user a minute: the route must not be a way to flood a mailbox. */
const RESEND_AFTER_MS = 60_000;

export interface EmailRouteDeps {
  knex: Knex;
  clock: Clock;
  email: EmailSetup;
}

/** A refused link, as the problem that says why (never a 500). */
export function linkProblem(check: Exclude<LinkCheck, { ok: true }>): HttpProblem {
  if (check.reason === 'expired')
    return new HttpProblem(410, 'link-expired', 'Link expired', 'this link has expired');
  const message =
    check.reason === 'tampered'
      ? 'the link was altered or is not ours'
      : 'not the token of a link from our emails';
  return badRequest(`token: ${message}`, [{ field: 'token', message }]);
}

/**
 * Email reminders, opt-in: the user sets an address (a verification mail with a signed link
 * that lives 24 hours is queued for the sagas' mail worker), opens the link, sees the state
 * and turns it off. Mounted beside the command API (same authentication); the verification
 * link is public, its signature is its authority.
 */
export async function emailRoutes(app: ZodApp, deps: EmailRouteDeps): Promise<void> {
  const addresses = new EmailAddressStore(deps.knex);
  const { email } = deps;
  const view = async (userId: string): Promise<EmailSettingsView> => {
    const a = await addresses.get(userId);
    return {
      available: email.available,
      address: a?.address ?? null,
      verified: Boolean(a?.verifiedAt),
      verifiedAt: a?.verifiedAt ? a.verifiedAt.toISOString() : null,
    };
  };

  app.get(
    '/api/email',
    { schema: { tags: ['email'], response: { 200: EmailSettingsView } } },
    async (request) => view(currentUser(request).userId),
  );

  app.put(
    '/api/email',
    {
      schema: {
        tags: ['email'],
        body: EmailAddressBody,
        response: { 200: EmailSettingsView, ...problems(409, 429) },
      },
    },
    async (request) => {
      const { userId } = currentUser(request);
      if (!email.available)
        throw conflict('email reminders are off on this server (no mail server configured)', 'email-off');
      const now = deps.clock.now();
      const current = await addresses.get(userId);
      // Already verified: nothing to send again.
      if (current?.address === request.body.address && current.verifiedAt) return view(userId);
      const requestedAt = current?.verificationRequestedAt;
      const since = requestedAt ? now.getTime() - requestedAt.getTime() : Infinity;
      if (since < RESEND_AFTER_MS) {
        throw tooManyRequests(
          'a verification mail was asked for less than a minute ago',
          Math.ceil((RESEND_AFTER_MS - since) / 1000),
        );
      }
      await addresses.set(userId, request.body.address, now);
      return view(userId);
    },
  );

  app.delete(
    '/api/email',
    {
      schema: {
        tags: ['email'],
        response: { 204: noContent('Email reminders turned off'), ...problems(404) },
      },
    },
    async (request, reply) => {
      if (!(await addresses.remove(currentUser(request).userId)))
        throw notFound('email reminders are not on');
      return reply.code(204).send(null);
    },
  );

  // A mail scanner that fetches the link must not verify an address its owner never asked
  // reminders for: the link asks, its button verifies.
  await mailLinkRoutes(app, {
    path: '/api/email/verify',
    does: 'verify the address a verification mail went to',
    check: (token) => {
      const check = email.links.check(token, deps.clock.now());
      if (!check.ok) throw linkProblem(check);
      if (check.payload.k !== 'verify') throw linkProblem({ ok: false, reason: 'malformed' });
      return check.payload;
    },
    question: ({ address }) => ({
      heading: 'Confirm your address?',
      message: `Reminders will be sent to ${address}.`,
      button: 'Confirm the address',
    }),
    act: async ({ u, address }) => {
      if (!(await addresses.verify(u, address, deps.clock.now())))
        throw conflict('the address was changed or removed after this link was sent', 'email-changed');
      return { heading: 'Address confirmed', message: `Reminders will be sent to ${address}.` };
    },
    problems: [409],
  });
}
