import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// Without SMTP_URL (or a Dapr binding) email reminders are off, and the API says so.
let ts: TestSystem;
beforeAll(async () => {
  ts = await startTestSystem();
});
afterAll(() => ts.stop());

describe('email reminders without a mail server', () => {
  it('are shown as unavailable and cannot be turned on', async () => {
    const user = await ts.signup();
    const state = await ts.api('/api/email', { token: user.token });
    expect(await state.json()).toEqual({
      available: false,
      address: null,
      verified: false,
      verifiedAt: null,
    });
    const put = await ts.api('/api/email', {
      method: 'PUT',
      token: user.token,
      json: { address: 'a@mail.test' },
    });
    expect(put.status).toBe(409);
    expect(await put.json()).toMatchObject({ detail: expect.stringContaining('no mail server configured') });
    expect(await ts.db.knex('email_deliveries')).toEqual([]);
  });

  it('names the field of a bad address and answers a missing opt-in with 404', async () => {
    const user = await ts.signup();
    const bad = await ts.api('/api/email', { method: 'PUT', token: user.token, json: { address: 'nope' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'address' }] });
    const off = await ts.api('/api/email', { method: 'DELETE', token: user.token });
    expect(off.status).toBe(404);
  });

  it('refuses the links of another deployment (another secret)', async () => {
    const res = await fetch(`${ts.url}/api/email/verify?token=eyJrIjoidmVyaWZ5In0.AAAA`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'token' }] });
    const unauthenticated = await fetch(`${ts.url}/api/email`);
    expect(unauthenticated.status).toBe(401);
  });
});
