import { describe, expect, it } from '@jest/globals';
import { API_SCOPES, type ApiScope } from '@todo/contracts';
import type { AuthenticatedUser } from '../auth/tokens.ts';
import { accessRefusal, requiredScope } from './access.ts';

const session: AuthenticatedUser = {
  userId: 'u',
  email: 'u@example.com',
  scopes: API_SCOPES,
  authenticatedBy: 'session',
};
const apiToken = (...scopes: ApiScope[]): AuthenticatedUser => ({
  ...session,
  scopes,
  authenticatedBy: 'api-token',
  apiTokenId: 't',
});

describe('the scope a request needs', () => {
  it('is tasks:read for GET and HEAD, tasks:write for every other method', () => {
    expect(['GET', 'head'].map((m) => requiredScope(m, undefined))).toEqual(['tasks:read', 'tasks:read']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => requiredScope(m, {}))).toEqual(
      Array(4).fill('tasks:write'),
    );
  });

  it("is the route's own when it declares one (a POST that only reads)", () => {
    expect(requiredScope('POST', { scope: 'tasks:read' })).toBe('tasks:read');
  });
});

describe('access to a route', () => {
  it('given a session, when it does anything, then nothing is refused', () => {
    expect(accessRefusal(session, 'DELETE', { sessionOnly: true })).toBeNull();
    expect(accessRefusal(session, 'POST', undefined)).toBeNull();
  });

  it('given a read-only token, when it writes, then 403 insufficient-scope names the scope', () => {
    const refusal = accessRefusal(apiToken('tasks:read'), 'POST', undefined);
    expect(refusal?.status).toBe(403);
    expect(refusal?.type).toBe('insufficient-scope');
    expect(refusal?.message).toContain('tasks:write');
    expect(accessRefusal(apiToken('tasks:read'), 'GET', undefined)).toBeNull();
  });

  it('given a write-only token, when it reads, then 403', () => {
    expect(accessRefusal(apiToken('tasks:write'), 'GET', undefined)?.type).toBe('insufficient-scope');
  });

  it('given any API token, when a route needs a session, then 403 session-required', () => {
    const refusal = accessRefusal(apiToken('tasks:read', 'tasks:write'), 'GET', { sessionOnly: true });
    expect(refusal?.status).toBe(403);
    expect(refusal?.type).toBe('session-required');
  });
});
