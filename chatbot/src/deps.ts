import type { Clock, EventStore, Ids, Knex } from '@todo/platform';
import type { Interpreter } from './interpreter.ts';

/** The user's IANA zone; the users table is the command side's, so the launcher passes it in. */
export interface UserZones {
  timezoneOf(userId: string): Promise<string>;
}

export interface ChatDeps {
  knex: Knex;
  store: EventStore;
  ids: Ids;
  clock: Clock;
  userZones: UserZones;
  /** Reads a message into a ParseResult; the deterministic engine unless a model is configured. */
  interpreter?: Interpreter;
}
