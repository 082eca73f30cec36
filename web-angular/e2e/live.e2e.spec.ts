import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  expectOk,
  logIn,
  newContext,
  screenshot,
  STEP_TIMEOUT_MS,
  signUp,
  tokenOf,
  uniqueEmail,
  waitUntilLive,
} from './browser.ts';
import { useE2e } from './fixture.ts';

/** 1 March 2027, 09:00 UTC: the day after the pinned start, when "every month on the 1st" is due. */
const NEXT_FIRST_OF_MONTH = '2027-03-01T09:00:00.000Z';

describe('live updates across devices, and recurrence', () => {
  const e2e = useE2e();
  let first: Page;
  let second: Page;

  before(async () => {
    const email = uniqueEmail('live');
    first = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await signUp(first, email);
    second = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await logIn(second, email);
    await first.getByRole('link', { name: 'All' }).click();
    await second.getByRole('link', { name: 'All' }).click();
  });

  after(async () => {
    await first?.context().close();
    await second?.context().close();
  });

  it('a task added in one browser shows in the other within 1 s', async () => {
    await waitUntilLive(first);
    await waitUntilLive(second);
    await first.getByLabel('Add task').fill('Buy milk');
    const created = first.waitForResponse(
      (r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST',
    );
    await first.getByLabel('Add task').press('Enter');
    expectOk(await created, 'creating a task');
    const t0 = Date.now();
    await second
      .locator('app-task-row')
      .filter({ hasText: 'Buy milk' })
      .waitFor({ timeout: STEP_TIMEOUT_MS })
      .catch(() => {
        throw new Error(
          `the other browser did not show the new task without a reload (waited ${Date.now() - t0} ms)`,
        );
      });
  });

  it('completing a recurring task shows it completed and its next occurrence in the other browser', async () => {
    await waitUntilLive(second);
    const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(first)}` },
      body: JSON.stringify({
        title: 'Pay rent',
        priority: 'high',
        tags: ['home'],
        dueAt: NEXT_FIRST_OF_MONTH,
        timezone: 'UTC',
        recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
      }),
    });
    assert.equal(response.status, 201, 'creating a recurring task');
    const row = first.locator('app-task-row').filter({ hasText: 'Pay rent' });
    await row.waitFor();

    const completed = first.waitForResponse((r) => r.url().endsWith('/complete'));
    await row.getByRole('checkbox', { name: 'Complete Pay rent' }).check();
    expectOk(await completed, 'completing a task');
    const t1 = Date.now();
    await second
      .getByRole('checkbox', { name: 'Reopen Pay rent' })
      .waitFor({ timeout: STEP_TIMEOUT_MS })
      .catch(() => {
        throw new Error(
          `the other browser did not show the completion without a reload (waited ${Date.now() - t1} ms)`,
        );
      });
    await second
      .getByRole('checkbox', { name: 'Complete Pay rent' })
      .waitFor({ timeout: 5000 })
      .catch(() => {
        throw new Error(
          'no next occurrence appeared after completing a recurring task (recurrence saga, issue 3)',
        );
      });
    const dues = await second
      .locator('app-task-row')
      .filter({ hasText: 'Pay rent' })
      .locator('.chip-dueAt')
      .allInnerTexts();
    assert.equal(
      dues.length,
      2,
      `expected the completed task and its next occurrence, got ${JSON.stringify(dues)}`,
    );
    assert.notEqual(dues[0], dues[1], 'the next occurrence is due on another day');
    await screenshot(second, 'live-second-browser');
  });
});
