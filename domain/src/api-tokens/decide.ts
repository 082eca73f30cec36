import {
  API_TOKEN_CREATED,
  API_TOKEN_REVOKED,
  API_TOKENS_MAX_PER_USER,
  type ApiScope,
  type ApiTokenEvent,
} from '@todo/contracts';
import { liveTokenCount, type ApiTokensState } from './api-tokens.ts';
import { ApiTokenRuleViolation } from './errors.ts';

export interface CreateApiToken {
  type: 'CreateApiToken';
  tokenId: string;
  name: string;
  scopes: readonly ApiScope[];
  /** The instant of the request: live tokens are counted at it. */
  createdAt: string;
  expiresAt: string | null;
  hint: string;
}

export interface RevokeApiToken {
  type: 'RevokeApiToken';
  tokenId: string;
  revokedAt: string;
}

export type ApiTokenCommand = CreateApiToken | RevokeApiToken;

function create(command: CreateApiToken, state: ApiTokensState): ApiTokenEvent[] {
  if (state.has(command.tokenId)) {
    throw new ApiTokenRuleViolation('token-exists', 'a token with this id exists already');
  }
  if (liveTokenCount(state, command.createdAt) >= API_TOKENS_MAX_PER_USER) {
    throw new ApiTokenRuleViolation(
      'too-many-tokens',
      `you hold ${API_TOKENS_MAX_PER_USER} live tokens, the most one may; revoke one first`,
    );
  }
  const { tokenId, name, scopes, expiresAt, hint } = command;
  return [{ type: API_TOKEN_CREATED, data: { tokenId, name, scopes: [...scopes], expiresAt, hint } }];
}

function revoke(command: RevokeApiToken, state: ApiTokensState): ApiTokenEvent[] {
  const token = state.get(command.tokenId);
  if (!token) throw new ApiTokenRuleViolation('token-not-found', 'no such token');
  // Revoking twice changes nothing: the second DELETE succeeds without a second event.
  if (token.revoked) return [];
  return [{ type: API_TOKEN_REVOKED, data: { tokenId: command.tokenId, revokedAt: command.revokedAt } }];
}

/** The decider of one user's tokens stream. */
export function decideApiTokens(command: ApiTokenCommand, state: ApiTokensState): ApiTokenEvent[] {
  switch (command.type) {
    case 'CreateApiToken':
      return create(command, state);
    case 'RevokeApiToken':
      return revoke(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
}
