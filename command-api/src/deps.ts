import type { Clock, EventStore, Ids, Knex, TokenService } from '@todo/platform';
import type { LoginLimits } from './auth/login-limits.ts';

/** What the command side needs from its surroundings; the launcher provides it. */
export interface CommandApiDeps {
  knex: Knex;
  store: EventStore;
  tokens: TokenService;
  ids: Ids;
  clock: Clock;
  /** Wrong-password limits; LOGIN_* from the environment when not given. */
  loginLimits?: LoginLimits;
}
