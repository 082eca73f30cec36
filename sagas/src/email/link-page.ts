import { z } from 'zod';

export const HTML = 'text/html; charset=utf-8';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (heading: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="robots" content="noindex"><title>${escapeHtml(heading)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>${escapeHtml(heading)}</h1>${body}
</body></html>`;

/** The small page a link from a mail answers with when it worked. */
export function linkPage(heading: string, message: string): string {
  return page(heading, `<p>${escapeHtml(message)}</p><p><a href="/">Open your tasks</a></p>`);
}

/**
 * The page a link from a mail opens (verify, done, snooze): it asks, and only its button acts
 * (a POST of the same signed token), so a mail scanner or a link preview that fetches the link
 * does nothing. `action` is the link path's last segment (`action` of `/api/email/action`), a
 * relative URL: the form posts back to wherever the link pointed, behind a gateway or a path
 * prefix alike.
 */
export function confirmPage(
  { heading, message, button }: { heading: string; message: string; button: string },
  action: string,
  token: string,
): string {
  return page(
    heading,
    `<p>${escapeHtml(message)}</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" style="font-size:1rem;padding:.5rem 1rem">${escapeHtml(button)}</button></form>`,
  );
}

/**
 * The OpenAPI form of an HTML answer (the zod type provider types `response` as zod schemas
 * only; fastify and the OpenAPI transform both take the `{ description, content }` form).
 */
export function htmlPage(description: string): Record<number, never> {
  const page = { description, content: { 'text/html': { schema: z.string() } } };
  return Object.fromEntries([[200, page]]) as Record<number, never>;
}
