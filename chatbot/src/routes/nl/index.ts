import { NlParseBody, ParseResult } from '@todo/contracts';
import { currentUser, type ZodApp } from '@todo/platform';
import type { ChatDeps } from '../../deps.ts';
import { parse, usableZone } from '@todo/nl';
import { ListsReadModel } from '@todo/projectors';

/**
 * `POST /api/nl/parse`: what the engine understands in a line of text, for the quick-add
 * preview. Pure reading: nothing is written. `now` defaults to the server clock and
 * `timezone` to the user's.
 */
export async function nlRoutes(
  app: ZodApp,
  deps: Pick<ChatDeps, 'userZones' | 'clock' | 'knex'>,
): Promise<void> {
  const users = deps.userZones;
  const lists = new ListsReadModel(deps.knex);
  app.post(
    '/api/nl/parse',
    {
      // A preview changes nothing: a read-only API token may ask for it.
      config: { scope: 'tasks:read' },
      schema: { tags: ['natural language'], body: NlParseBody, response: { 200: ParseResult } },
    },
    async (request) => {
      const { text, now, timezone } = request.body;
      const userId = currentUser(request).userId;
      return parse(text, {
        // `#Name` of one of the user's lists (archived ones too) files the task there.
        lists: await lists.names(userId),
        now: now ? new Date(now) : deps.clock.now(),
        timezone: timezone ?? usableZone(await users.timezoneOf(userId)),
      });
    },
  );
}
