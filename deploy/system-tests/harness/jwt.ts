import { createHmac } from 'node:crypto';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT with exactly these claims: tokens the server would never issue itself. */
export function signJwt(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = {},
): string {
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Tokens claiming `claims` that the server must refuse: a real token's subject swapped, `alg: none`, another key. */
export function forgedTokens(realToken: string, claims: Record<string, unknown>): Record<string, string> {
  const [header, , signature] = realToken.split('.');
  return {
    'subject swapped': `${header}.${part(claims)}.${signature}`,
    'alg none': `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`,
    'another key': signJwt(claims, 'not-the-server-secret-not-the-server-secret'),
  };
}
