import { resolve } from 'node:path';
import { DEFAULT_SESSION_MAX_SECONDS } from './auth/tokens.ts';
import { intFromEnv } from './env-int.ts';

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
  /** SMTP_URL (`smtp://user:pass@host:port`, `smtps://…`): where reminder emails go; unset: off. */
  smtpUrl: string | undefined;
  /** EMAIL_BINDING: a Dapr SMTP output binding's name, used instead when a sidecar is there. */
  emailBinding: string | undefined;
  /** MAIL_FROM: the sender of reminder emails. */
  mailFrom: string;
  /** PUBLIC_URL: the base URL of links in emails (default: the server's own URL). */
  publicUrl: string | undefined;
}

const intFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number) =>
  intFromEnv(env, name, fallback, 0);

function urlFrom(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `${name} must be a URL (${protocols.join(' or ')}//…), got "${raw.replace(/\/\/[^@/]*@/, '//…@')}"`,
    );
  }
  if (!protocols.includes(url.protocol))
    throw new Error(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${url.protocol}`,
    );
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, 'PORT', 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: intFrom(env, 'TOKEN_TTL_SECONDS', 3600),
    sessionMaxSeconds: intFrom(env, 'SESSION_MAX_SECONDS', DEFAULT_SESSION_MAX_SECONDS),
    logLevel: env.LOG_LEVEL ?? 'info',
    shutdownGraceMs: intFrom(env, 'SHUTDOWN_GRACE_MS', 1000),
    smtpUrl: urlFrom(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    emailBinding: env.EMAIL_BINDING || undefined,
    mailFrom: env.MAIL_FROM || 'Todo reminders <reminders@todo.invalid>',
    publicUrl: urlFrom(env, 'PUBLIC_URL', ['http:', 'https:']),
  };
}
