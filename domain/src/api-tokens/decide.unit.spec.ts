import { describe, it } from '@jest/globals';
import {
  API_TOKEN_CREATED,
  API_TOKEN_REVOKED,
  API_TOKENS_MAX_PER_USER,
  type ApiTokenEvent,
} from '@todo/contracts';
import { givenApiTokens } from '../testing/given-api-tokens.ts';
import type { CreateApiToken } from './decide.ts';

const NOW = '2026-03-10T12:00:00.000Z';
const tokenId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const create = (n: number, overrides: Partial<CreateApiToken> = {}): CreateApiToken => ({
  type: 'CreateApiToken',
  tokenId: tokenId(n),
  name: `agent ${n}`,
  scopes: ['tasks:read'],
  createdAt: NOW,
  expiresAt: null,
  hint: 'todo_pat_abcd',
  ...overrides,
});

const created = (n: number, expiresAt: string | null = null): ApiTokenEvent => ({
  type: API_TOKEN_CREATED,
  data: { tokenId: tokenId(n), name: `agent ${n}`, scopes: ['tasks:read'], expiresAt, hint: 'todo_pat_abcd' },
});
const revoked = (n: number): ApiTokenEvent => ({
  type: API_TOKEN_REVOKED,
  data: { tokenId: tokenId(n), revokedAt: NOW },
});

describe('creating an API token', () => {
  it('records the token with its name, scopes, expiry and hint', () => {
    givenApiTokens([])
      .when(create(1, { scopes: ['tasks:read', 'tasks:write'], expiresAt: '2026-04-09T12:00:00.000Z' }))
      .then([
        {
          type: API_TOKEN_CREATED,
          data: {
            tokenId: tokenId(1),
            name: 'agent 1',
            scopes: ['tasks:read', 'tasks:write'],
            expiresAt: '2026-04-09T12:00:00.000Z',
            hint: 'todo_pat_abcd',
          },
        },
      ]);
  });

  it('refuses an id the stream has already', () => {
    givenApiTokens([created(1)])
      .when(create(1))
      .thenRefuses('token-exists');
  });

  it(`refuses a token beyond ${API_TOKENS_MAX_PER_USER} live ones`, () => {
    const full = Array.from({ length: API_TOKENS_MAX_PER_USER }, (_, i) => created(i + 1));
    givenApiTokens(full).when(create(999)).thenRefuses('too-many-tokens');
  });

  it('does not count revoked or expired tokens against the limit', () => {
    const history = Array.from({ length: API_TOKENS_MAX_PER_USER }, (_, i) =>
      i === 0 ? created(1, '2026-03-10T12:00:00.000Z') : created(i + 1),
    );
    history.push(revoked(2));
    givenApiTokens(history)
      .when(create(999))
      .then([created(999)]);
  });
});

describe('revoking an API token', () => {
  it('records the revocation at the given instant', () => {
    givenApiTokens([created(1)])
      .when({ type: 'RevokeApiToken', tokenId: tokenId(1), revokedAt: NOW })
      .then([revoked(1)]);
  });

  it('changes nothing the second time', () => {
    givenApiTokens([created(1), revoked(1)])
      .when({ type: 'RevokeApiToken', tokenId: tokenId(1), revokedAt: NOW })
      .then([]);
  });

  it('refuses a token the stream never held (another user’s id, or none)', () => {
    givenApiTokens([created(1)])
      .when({ type: 'RevokeApiToken', tokenId: tokenId(2), revokedAt: NOW })
      .thenRefuses('token-not-found');
  });
});
