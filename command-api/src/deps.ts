import type { Clock, EventStore, Ids, Knex, TokenService } from '@todo/platform';
import type { ListMembers } from '@todo/domain';
import type { LoginLimits } from './auth/login-limits.ts';

/** What the command side needs from its surroundings; the launcher provides it. */
export interface CommandApiDeps {
  knex: Knex;
  store: EventStore;
  tokens: TokenService;
  ids: Ids;
  clock: Clock;
  /** The tasks of a list (the read model, once caught up): what deleting the list moves. */
  listMembers: ListMembers;
  /** Wrong-password limits; LOGIN_* from the environment when not given. */
  loginLimits?: LoginLimits;
}
