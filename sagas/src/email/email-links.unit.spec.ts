import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { LinkSigner, type LinkPayload } from './email-links.ts';

const key = Buffer.alloc(32, 7);
const signer = new LinkSigner(key);
const now = new Date('2030-03-04T08:00:00.000Z');
const exp = Math.floor(now.getTime() / 1000) + 60;
const done: LinkPayload = { k: 'done', u: 'user-1', t: 'task-1', r: 'r1', f: 'firing-1', exp };

describe('the signed links of reminder emails', () => {
  it('gives back what it signed, until it expires', () => {
    const token = signer.sign(done);
    expect(signer.check(token, now)).toEqual({ ok: true, payload: done });
    expect(signer.check(token, new Date(exp * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose payload or signature was changed', () => {
    const [body, signature] = signer.sign(done).split('.') as [string, string];
    const otherTask = Buffer.from(JSON.stringify({ ...done, t: 'task-2' })).toString('base64url');
    expect(signer.check(`${otherTask}.${signature}`, now)).toEqual({ ok: false, reason: 'tampered' });
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(signer.check(`${body}.${flipped}`, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a token signed with another key', () => {
    const other = new LinkSigner(Buffer.alloc(32, 8));
    expect(signer.check(other.sign(done), now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('calls anything that is not one of its tokens malformed', () => {
    expect(signer.check('not-a-token', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.check('a.b.c', now)).toEqual({ ok: false, reason: 'malformed' });
    // Signed with our key but not a link's payload: still refused.
    const body = Buffer.from(JSON.stringify({ k: 'other', u: 'x', exp })).toString('base64url');
    const mac = createHmac('sha256', key).update(body).digest('base64url');
    expect(signer.check(`${body}.${mac}`, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('needs a key of at least 32 bytes', () => {
    expect(() => new LinkSigner(Buffer.alloc(16))).toThrow('at least 32 bytes');
  });
});
