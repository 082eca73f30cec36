import type { FastifyRequest } from 'fastify';
import type { BearerVerifier } from '../auth/api-tokens/bearer-verifier.ts';
import { InvalidTokenError, type AuthenticatedUser } from '../auth/tokens.ts';
import { unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthenticatedUser | null;
  }
}

/**
 * Reads `Authorization: Bearer <session JWT or API token>` and returns the principal, or throws
 * a 401 problem saying why (missing, malformed, expired, revoked).
 */
export async function authenticate(
  request: FastifyRequest,
  tokens: BearerVerifier,
): Promise<AuthenticatedUser> {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('missing Authorization header: send "Bearer <token>"');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('the Authorization header must be "Bearer <token>"');
  try {
    return await tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthorized(error.message);
    throw error;
  }
}

/** The user of an authenticated route; the auth hook guarantees it is set. */
export function currentUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) throw unauthorized('authentication required');
  return request.user;
}
