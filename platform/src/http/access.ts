import type { ApiScope } from '@todo/contracts';
import type { AuthenticatedUser } from '../auth/tokens.ts';
import { HttpProblem } from './errors.ts';

/** What a route may declare about who may call it (`config` of its route options). */
export interface RouteAccess {
  /** The scope an API token needs; by default GET and HEAD need `tasks:read`, the rest `tasks:write`. */
  scope?: ApiScope;
  /** Only a password session may call it (managing API tokens, refresh): never an API token. */
  sessionOnly?: boolean;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The scope a request needs: the route's own, or the one its method implies. */
export function requiredScope(method: string, access: RouteAccess | undefined): ApiScope {
  return access?.scope ?? (READ_METHODS.has(method.toUpperCase()) ? 'tasks:read' : 'tasks:write');
}

/**
 * Why `user` may not make this request, or null when they may. Checked once for every
 * authenticated route (the server's auth hook), never route by route.
 */
export function accessRefusal(
  user: AuthenticatedUser,
  method: string,
  access: RouteAccess | undefined,
): HttpProblem | null {
  if (access?.sessionOnly && user.authenticatedBy !== 'session') {
    return new HttpProblem(
      403,
      'session-required',
      'Forbidden',
      'an API token cannot do this: log in with your password (API tokens are managed, and sessions refreshed, only from a password session)',
    );
  }
  const scope = requiredScope(method, access);
  if (!user.scopes.includes(scope)) {
    return new HttpProblem(
      403,
      'insufficient-scope',
      'Forbidden',
      `this API token lacks the scope ${scope}, which this request needs (it has ${user.scopes.join(', ') || 'none'})`,
    );
  }
  return null;
}

/** Throws the refusal of `accessRefusal`: for entry points outside /api (e.g. /mcp). */
export function requireAccess(user: AuthenticatedUser, method: string, access?: RouteAccess): void {
  const refusal = accessRefusal(user, method, access);
  if (refusal) throw refusal;
}
