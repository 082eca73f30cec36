import { InvalidTokenError, type AuthenticatedUser, type TokenService } from '../tokens.ts';
import { isApiTokenShaped } from './api-token-secret.ts';
import type { ApiTokenVerifier } from './api-token-verifier.ts';

/** Anything that turns the credential of `Authorization: Bearer …` into a principal. */
export interface BearerVerifier {
  verify(bearer: string): Promise<AuthenticatedUser>;
}

/**
 * The one verification of every route, realtime and chat: an API token (`todo_pat_…`) by its
 * hash, anything else as a session JWT. A service without the tokens table (none today)
 * passes null and refuses API tokens in words.
 */
export class BearerCredentials implements BearerVerifier {
  private readonly sessions: TokenService;
  private readonly apiTokens: ApiTokenVerifier | null;

  constructor(sessions: TokenService, apiTokens: ApiTokenVerifier | null) {
    this.sessions = sessions;
    this.apiTokens = apiTokens;
  }

  async verify(bearer: string): Promise<AuthenticatedUser> {
    if (!isApiTokenShaped(bearer)) return this.sessions.verify(bearer);
    if (!this.apiTokens) throw new InvalidTokenError('this service does not accept API tokens');
    return this.apiTokens.verify(bearer);
  }
}
