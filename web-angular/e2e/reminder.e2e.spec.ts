import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expectAccessible,
  newContext,
  screenshot,
  signUp,
  tokenOf,
  uniqueEmail,
  waitUntilLive,
} from './browser.ts';
import { useE2e } from './fixture.ts';
import { systemNow } from './system-clock.ts';

describe('reminders', () => {
  const e2e = useE2e();

  it('shows a toast when a reminder fires, and snoozes it from the toast', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    await context.grantPermissions(['notifications'], { origin: e2e.baseUrl });
    // Headless Chromium shows no system notifications: record what the page asks for.
    await context.addInitScript(() => {
      const Native = window.Notification;
      const shown: { title: string; body?: string }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      const Recording = function (title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
        return new Native(title, options);
      } as unknown as typeof Notification;
      Object.defineProperty(Recording, 'permission', { get: () => Native.permission });
      Recording.requestPermission = Native.requestPermission.bind(Native);
      window.Notification = Recording;
    });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('remind'));
    await waitUntilLive(page);
    const token = await tokenOf(page);
    // Due 3 s after the system's clock (pinned, ticking): the saga fires it when that comes.
    const at = new Date(systemNow() + 3000).toISOString();
    const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Call the dentist', reminders: [{ at }] }),
    });
    if (response.status !== 201)
      throw new Error(`creating a task with a reminder answered ${response.status}`);

    const toast = page.getByRole('alert').filter({ hasText: 'Reminder: Call the dentist' });
    await toast.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(
        'no reminder toast within 15 s: needs the reminder saga (issue 3) and reminder.due over realtime (issue 4)',
      );
    });
    const shown = await page.evaluate(
      () => (window as unknown as { shownNotifications: unknown[] }).shownNotifications,
    );
    assert.deepEqual(
      shown,
      [{ title: 'Reminder', body: 'Call the dentist' }],
      'a browser notification was shown',
    );
    await expectAccessible(page, 'reminder toast');
    await screenshot(page, 'reminder-toast', { keepToasts: true, height: 400 });
    const snoozed = page.waitForResponse((r) => r.url().includes('/snooze'));
    await toast.getByRole('button', { name: 'Snooze 10 min: Call the dentist' }).click();
    const answer = await snoozed;
    if (!answer.ok())
      throw new Error(
        `snooze answered ${answer.status()} (POST /api/tasks/:id/reminders/:id/snooze, issue 3)`,
      );
    await page.getByRole('status').filter({ hasText: 'Snoozed for 10 minutes' }).waitFor();
    await context.close();
  });
});
