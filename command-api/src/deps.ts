import type { Clock, EventStore, Ids, Knex, TokenService } from '@todo/platform';

/** What the command side needs from its surroundings; the launcher provides it. */
export interface CommandApiDeps {
  knex: Knex;
  store: EventStore;
  tokens: TokenService;
  ids: Ids;
  clock: Clock;
}
