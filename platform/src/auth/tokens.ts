import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { systemClock, type Clock } from '../clock.ts';

export interface AuthenticatedUser {
  userId: string;
  email: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const ISSUER = 'todo-system';
const AUDIENCE = 'todo-api';

/**
 * Short-lived HS256 access tokens. Every service verifies them with the same secret. Issue
 * and expiry both read the injected clock, so a test that pins it pins both.
 */
export class TokenService {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;
  private readonly clock: Clock;

  constructor(secret: string, ttlSeconds: number, clock: Clock = systemClock) {
    if (secret.length < 32) throw new Error('the JWT secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
    this.clock = clock;
  }

  async issue(user: AuthenticatedUser): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ email: user.email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') {
        throw new InvalidTokenError('the token has no subject');
      }
      return { userId: payload.sub, email: payload.email };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('the token has expired');
      throw new InvalidTokenError('the token is invalid');
    }
  }
}

/**
 * JWT_SECRET when given; otherwise a random secret kept beside the data, so tokens survive
 * a restart of the standalone system.
 */
export function resolveJwtSecret(configured: string | undefined, secretFile: string): string {
  if (configured) return configured;
  if (existsSync(secretFile)) return readFileSync(secretFile, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dirname(secretFile), { recursive: true });
  writeFileSync(secretFile, secret, { mode: 0o600 });
  return secret;
}
