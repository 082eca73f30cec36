import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  expectOk,
  logIn,
  newContext,
  signUp,
  tokenOf,
  uniqueEmail,
  waitUntilLive,
} from './browser.ts';
import { useE2e } from './fixture.ts';
import { hoursAfterStart } from './system-clock.ts';

const FILTER = 'today & p1 | overdue';

/** The saved view's link in the navigation: its name, then its count. */
const viewLink = (page: Page, count: number) =>
  page
    .getByRole('navigation', { name: 'Saved views' })
    .getByRole('link', { name: `Urgent ${count}`, exact: true });

describe('saved views', () => {
  const e2e = useE2e();
  let first: Page;
  let second: Page;

  before(async () => {
    const email = uniqueEmail('views');
    first = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await signUp(first, email);
    second = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await logIn(second, email);
  });

  after(async () => {
    await first?.context().close();
    await second?.context().close();
  });

  it('a filter typed in the filter box, saved as a view, shows in the nav and follows a task added elsewhere', async () => {
    await waitUntilLive(first);
    await waitUntilLive(second);
    await first.getByRole('link', { name: 'All' }).click();
    await first.getByText('Filter and sort').click();
    await first.getByLabel('Filter', { exact: true }).fill(FILTER);
    await first.getByLabel('Filter', { exact: true }).press('Enter');
    await first.getByRole('button', { name: 'Save as view' }).click();
    await first.getByLabel('View name').fill('Urgent');
    const saved = first.waitForResponse(
      (r) => r.url().endsWith('/api/views') && r.request().method() === 'POST',
    );
    await first.getByRole('button', { name: 'Save view' }).click();
    expectOk(await saved, 'saving the view');

    // The view opens, and is in the navigation of this browser and, live, of the other one.
    await first.getByRole('heading', { name: 'Urgent' }).waitFor();
    await viewLink(first, 0).waitFor();
    await viewLink(second, 0).waitFor();
    await viewLink(second, 0).click();
    await second.getByRole('heading', { name: 'Urgent' }).waitFor();
    await expectAccessible(first, 'a saved view');

    // Another client (the API with this user's token) adds a task the filter matches: overdue
    // two days before the pinned start, and one it does not (no date, low priority).
    const token = await tokenOf(first);
    const due = hoursAfterStart(-48);
    for (const task of [
      { title: 'Call the bank', priority: 'high', dueAt: due },
      { title: 'Someday maybe', priority: 'low' },
    ]) {
      const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(task),
      });
      assert.equal(response.status, 201, `creating "${task.title}"`);
    }
    for (const page of [first, second]) {
      await page.locator('app-task-row').filter({ hasText: 'Call the bank' }).waitFor();
      await viewLink(page, 1).waitFor();
      assert.equal(await page.locator('app-task-row').filter({ hasText: 'Someday maybe' }).count(), 0);
    }
  });
});
