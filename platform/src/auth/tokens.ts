import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { API_SCOPES, type ApiScope, type AuthMethod } from '@todo/contracts';
import { systemClock, type Clock } from '../clock.ts';
import { VerifiedTokens, type ValidityWindow } from './verified-tokens.ts';

/** Who a session token is issued to: a user who gave their password (or refreshes). */
export interface SessionSubject {
  userId: string;
  email: string;
  /** When the user last gave a password; refreshes never move it. */
  sessionStartedAt?: Date;
}

/** The principal of an authenticated request, however it proved who it is. */
export interface AuthenticatedUser {
  userId: string;
  email: string;
  /** What the credential may do: every scope for a session, its own for an API token. */
  scopes: readonly ApiScope[];
  /** A password session's JWT, or a personal API token. */
  authenticatedBy: AuthMethod;
  /** The API token's id, when authenticated by one. */
  apiTokenId?: string;
  /** When the user last gave a password; refreshes never move it. */
  sessionStartedAt?: Date;
  /**
   * The first instant this user's token is no longer accepted (`exp` plus the clock skew
   * verification allows): streams opened with it end then.
   */
  tokenValidUntil?: Date;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const ISSUER = 'todo-system';
const AUDIENCE = 'todo-api';

/** No token is valid for longer than this, whatever TOKEN_TTL_SECONDS says. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clocks of the issuing and the verifying process may differ by this much. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_SESSION_MAX_SECONDS = 7 * 24 * 3600;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The seconds in which jwtVerify (with our options) accepts these claims: `iat` no later than
 * now + skew, `exp` after now − skew, `nbf` (never issued by us) no later than now + skew;
 * `exp − iat` is at most MAX_TOKEN_LIFETIME_SECONDS, so `exp` also bounds the token's age.
 */
function acceptedWindow(payload: { iat?: number; exp?: number; nbf?: number }): ValidityWindow {
  const from = Math.max(
    payload.iat! - TOKEN_CLOCK_SKEW_SECONDS,
    (payload.nbf ?? -Infinity) - TOKEN_CLOCK_SKEW_SECONDS,
  );
  return { from, until: payload.exp! + TOKEN_CLOCK_SKEW_SECONDS };
}

/** Says why a token was refused, in words that reveal nothing but the rule it broke. */
function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat' ? 'the token is older than any token may be' : 'the token has expired';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing' && error.claim === 'exp') return 'the token has no expiry time (exp)';
    if (error.reason === 'missing' && error.claim === 'iat') return 'the token has no issue time (iat)';
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'the token is issued in the future';
  }
  return 'the token is invalid';
}

/**
 * Short-lived HS256 access tokens. Every service verifies them with the same secret.
 * A token must carry `exp` and `iat`, live at most MAX_TOKEN_LIFETIME_SECONDS and not be
 * issued in the future; refreshing never carries a log-in past its session's end.
 */
export class TokenService {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;
  readonly sessionMaxSeconds: number;
  private readonly clock: Clock;
  private readonly verified = new VerifiedTokens();

  /**
   * `ttlSeconds` (TOKEN_TTL_SECONDS): each token's lifetime, at most MAX_TOKEN_LIFETIME_SECONDS;
   * `sessionMaxSeconds` (SESSION_MAX_SECONDS): how long refreshes may keep a log-in alive.
   * Issue and expiry both read the injected clock, so a test that pins it pins both.
   */
  constructor(
    secret: string,
    ttlSeconds: number,
    clock: Clock = systemClock,
    sessionMaxSeconds = DEFAULT_SESSION_MAX_SECONDS,
  ) {
    if (secret.length < 32) throw new Error('the JWT secret must be at least 32 characters');
    if (!(ttlSeconds >= 1 && ttlSeconds <= MAX_TOKEN_LIFETIME_SECONDS)) {
      throw new Error(
        `TOKEN_TTL_SECONDS must be between 1 and ${MAX_TOKEN_LIFETIME_SECONDS}, got ${ttlSeconds}`,
      );
    }
    if (!(sessionMaxSeconds >= ttlSeconds)) {
      throw new Error(
        `SESSION_MAX_SECONDS must be at least TOKEN_TTL_SECONDS (${ttlSeconds}), got ${sessionMaxSeconds}`,
      );
    }
    this.key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
    this.sessionMaxSeconds = sessionMaxSeconds;
    this.clock = clock;
  }

  /**
   * A key for another use of the server's secret (the signed links of reminder emails):
   * HMAC-SHA256 of the purpose, so it is never the JWT key itself and one purpose's
   * signatures are worthless for another.
   */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`todo-system:${purpose}`).digest();
  }

  /** A token for a user who just gave their password, or (with sessionStartedAt) a refresh. */
  async issue(user: SessionSubject): Promise<{ token: string; expiresAt: string }> {
    const iat = seconds(this.clock.now());
    const authTime = user.sessionStartedAt ? seconds(user.sessionStartedAt) : iat;
    const sessionEnd = authTime + this.sessionMaxSeconds;
    if (sessionEnd <= iat)
      throw new InvalidTokenError('the session has lasted as long as it may; log in again');
    const exp = Math.min(iat + this.ttlSeconds, sessionEnd);
    const token = await new SignJWT({ email: user.email, auth_time: authTime })
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
    const known = this.verified.get(token, seconds(this.clock.now()));
    if (known) return known;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat'],
        // Also refuses an `iat` later than now (beyond the skew).
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        clockTolerance: TOKEN_CLOCK_SKEW_SECONDS,
        currentDate: this.clock.now(),
      }));
    } catch (error) {
      throw new InvalidTokenError(reasonFor(error));
    }
    const { sub, email, exp, iat, auth_time: authTime } = payload;
    if (typeof sub !== 'string' || typeof email !== 'string') {
      throw new InvalidTokenError('the token has no subject');
    }
    if (exp! - iat! > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new InvalidTokenError('the token is valid for longer than any token may be');
    }
    // Tokens issued before auth_time existed started their session when they were issued.
    const sessionStart = typeof authTime === 'number' && authTime <= iat! ? authTime : iat!;
    const user: AuthenticatedUser = {
      userId: sub,
      email,
      scopes: API_SCOPES,
      authenticatedBy: 'session',
      sessionStartedAt: new Date(sessionStart * 1000),
      tokenValidUntil: new Date((exp! + TOKEN_CLOCK_SKEW_SECONDS) * 1000),
    };
    this.verified.remember(token, user, acceptedWindow(payload));
    return user;
  }
}

/** TOKEN_TTL_SECONDS and SESSION_MAX_SECONDS from the environment (cluster services). */
export function tokenServiceFromEnv(secret: string, env: NodeJS.ProcessEnv = process.env): TokenService {
  return new TokenService(
    secret,
    Number(env.TOKEN_TTL_SECONDS) || 3600,
    systemClock,
    Number(env.SESSION_MAX_SECONDS) || DEFAULT_SESSION_MAX_SECONDS,
  );
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
