import { z } from 'zod';

/**
 * The user's calendar feed (issue 15): a secret URL a calendar app subscribes to. The
 * secret is shown once, when it is made; the server keeps only its hash.
 */
export const CalendarFeedCreated = z.object({
  /** The URL to subscribe to, absolute, as the server was asked for it. */
  url: z.string(),
  /** The same URL's path, for a client that knows its own origin. */
  path: z.string(),
  createdAt: z.string(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** A feed that exists; its URL cannot be shown again (regenerate to get a new one). */
export const CalendarFeedStatus = z.object({ createdAt: z.string() });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

/**
 * The secret's path segment (a real one has 43 characters): anything up to 64 is looked up,
 * and a wrong one is a 404 whatever it looks like; a longer one is a 400 naming `secret`
 * (below fastify's limit of 100 characters for a path parameter, which it answers with 414).
 */
export const CalendarFeedParams = z.strictObject({ secret: z.string().max(64) });
