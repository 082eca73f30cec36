import { z } from 'zod';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The small page a link from a mail answers with when it worked. */
export function linkPage(heading: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(heading)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Open your tasks</a></p>
</body></html>`;
}

/**
 * The OpenAPI form of an HTML answer (the zod type provider types `response` as zod schemas
 * only; fastify and the OpenAPI transform both take the `{ description, content }` form).
 */
export function htmlPage(description: string): Record<number, never> {
  const page = { description, content: { 'text/html': { schema: z.string() } } };
  return Object.fromEntries([[200, page]]) as Record<number, never>;
}
