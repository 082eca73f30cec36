import { resolve } from 'node:path';
import { DEFAULT_SESSION_MAX_SECONDS } from './auth/tokens.ts';

/** Settings read once from the environment; everything has an embedded default. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
  sessionMaxSeconds: number;
  logLevel: string;
  /** How long a graceful stop keeps idle keep-alive connections for a last request. */
  shutdownGraceMs: number;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom('PORT', 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: intFrom('TOKEN_TTL_SECONDS', 3600),
    sessionMaxSeconds: intFrom('SESSION_MAX_SECONDS', DEFAULT_SESSION_MAX_SECONDS),
    logLevel: env.LOG_LEVEL ?? 'info',
    shutdownGraceMs: intFrom('SHUTDOWN_GRACE_MS', 1000),
  };
}
