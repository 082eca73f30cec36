import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a signed link in a mail may do. `v`: verify `address` for the user; `done` and
 * `snooze`: act on the task's reminder, once per firing (`f`, the firing's event id).
 */
export type ActionPayload = { k: 'done' | 'snooze'; u: string; t: string; r: string; f: string; exp: number };
export type LinkPayload = { k: 'verify'; u: string; address: string; exp: number } | ActionPayload;

export type LinkCheck =
  { ok: true; payload: LinkPayload } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

/** Verification links live a day; reminder links a week after the firing. */
export const VERIFY_LINK_TTL_MS = 24 * 3600_000;
export const ACTION_LINK_TTL_MS = 7 * 24 * 3600_000;

/**
 * Signs and checks the links of reminder emails: `<base64url JSON>.<base64url HMAC-SHA256>`
 * with a key of their own, derived from the server's JWT secret, so a session token can
 * never be passed off as a link nor a link as a token. Expiry is inside what is signed.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length < 32) throw new Error('the link key must have at least 32 bytes');
    this.key = key;
  }

  sign(payload: LinkPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  check(token: string, now: Date): LinkCheck {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'tampered' };
    const payload = parsePayload(body);
    if (!payload) return { ok: false, reason: 'malformed' };
    if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, payload };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function parsePayload(body: string): LinkPayload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const p = value as Record<string, unknown>;
    if (typeof p.u !== 'string' || typeof p.exp !== 'number') return null;
    if (p.k === 'verify' && typeof p.address === 'string')
      return { k: 'verify', u: p.u, address: p.address, exp: p.exp };
    if (
      (p.k === 'done' || p.k === 'snooze') &&
      typeof p.t === 'string' &&
      typeof p.r === 'string' &&
      typeof p.f === 'string'
    )
      return { k: p.k, u: p.u, t: p.t, r: p.r, f: p.f, exp: p.exp };
    return null;
  } catch {
    return null;
  }
}

export const expiresIn = (now: Date, ms: number) => Math.floor((now.getTime() + ms) / 1000);
