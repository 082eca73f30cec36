import { EmailLinkQuery } from '@todo/contracts';
import { problems, type ProblemStatus, type ZodApp } from '@todo/platform';
import type { FastifyReply } from 'fastify';
import { FORM_CONTENT_TYPE, withFormBodies } from './form-body.ts';
import { confirmPage, HTML, htmlPage, linkPage } from './link-page.ts';

/** What a page says: a heading and a sentence (and, on a page that asks, its button). */
export interface Said {
  heading: string;
  message: string;
}

/** One kind of signed link in our mails (verify an address; done or snooze a reminder). */
export interface MailLink<P> {
  /** e.g. `/api/email/verify`: the GET of the link and the POST of its button. */
  path: string;
  /** What the link asks for, in the OpenAPI summaries ("Verify the address …"). */
  does: string;
  /** The token's payload when it is a valid link of this kind, else throws its problem. */
  check(token: string): P;
  /** What the page asks before the button is pressed. */
  question(payload: P): Said & { button: string };
  /** What pressing the button does: it acts, and says what happened. */
  act(payload: P): Promise<Said>;
  /** The problems pressing the button may answer, besides a bad token (400) or an expired one (410). */
  problems: ProblemStatus[];
}

/**
 * A link of our mails as two routes in a scope that reads form bodies: the link (a GET) only
 * shows a page that asks, because mail scanners and link previews fetch links on their own;
 * the page's button POSTs the same token (a form field, or JSON), and that acts. Both are
 * public (the signature is their authority) and both check the token.
 */
export async function mailLinkRoutes<P>(app: ZodApp, link: MailLink<P>): Promise<void> {
  const send = (reply: FastifyReply, html: string) => reply.type(HTML).send(html);
  await withFormBodies(app, (scope) => {
    scope.get(
      link.path,
      {
        config: { public: true },
        schema: {
          tags: ['email'],
          summary: `The page a link opens to ${link.does}: it asks, and does nothing`,
          querystring: EmailLinkQuery,
          response: {
            ...htmlPage('A page asking to confirm, with a button that posts the token'),
            ...problems(410),
          },
        },
      },
      async (request, reply) => {
        const { token } = request.query;
        // Relative: the form posts back to wherever the link pointed (a gateway, a path prefix).
        const action = link.path.slice(link.path.lastIndexOf('/') + 1);
        return send(reply, confirmPage(link.question(link.check(token)), action, token));
      },
    );

    scope.post(
      link.path,
      {
        config: { public: true },
        schema: {
          tags: ['email'],
          summary: `${link.does[0]!.toUpperCase()}${link.does.slice(1)} (the button of the link's page)`,
          consumes: [FORM_CONTENT_TYPE, 'application/json'],
          body: EmailLinkQuery,
          response: { ...htmlPage('Done: a page saying what happened'), ...problems(...link.problems, 410) },
        },
      },
      async (request, reply) => {
        const said = await link.act(link.check(request.body.token));
        return send(reply, linkPage(said.heading, said.message));
      },
    );
  });
}
