import { API_TOKEN_CREATED, API_TOKEN_REVOKED, type ApiScope, type ApiTokenEvent } from '@todo/contracts';

/** One token as the user's tokens stream knows it (the secret is never in the stream). */
export interface ApiTokenState {
  name: string;
  scopes: readonly ApiScope[];
  expiresAt: string | null;
  revoked: boolean;
}

/** The state of one user's tokens stream: every token ever created, by id. */
export type ApiTokensState = ReadonlyMap<string, ApiTokenState>;

export const initialApiTokensState: ApiTokensState = new Map();

export function evolveApiTokens(state: ApiTokensState, event: ApiTokenEvent): ApiTokensState {
  const next = new Map(state);
  switch (event.type) {
    case API_TOKEN_CREATED: {
      const { tokenId, name, scopes, expiresAt } = event.data;
      next.set(tokenId, { name, scopes, expiresAt, revoked: false });
      return next;
    }
    case API_TOKEN_REVOKED: {
      const token = next.get(event.data.tokenId);
      if (token) next.set(event.data.tokenId, { ...token, revoked: true });
      return next;
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

/** Tokens that still let someone in at `now`: neither revoked nor expired. */
export function liveTokenCount(state: ApiTokensState, now: string): number {
  let count = 0;
  for (const token of state.values()) {
    const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.parse(now);
    if (!token.revoked && !expired) count += 1;
  }
  return count;
}
