import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, newContext, screenshot, signUp, tokenOf, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';
import { layoutProblems } from './layout.ts';
import { expectSavedViewsDrawer } from './saved-views-drawer.ts';
import { hoursAfterStart } from './system-clock.ts';

// The system's and the browser's clocks start at the pinned instant (10:30 UTC, system-clock.ts),
// so the due chips read the same on every run: "Today 18:00", "Tomorrow 17:00" and so on.

/** Four chips each: due, recurrence, priority and a tag; one title long enough to wrap. */
const TASKS = [
  {
    title: 'Pay rent',
    dueAt: hoursAfterStart(30.5),
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    priority: 'high',
    tags: ['home'],
  },
  {
    title: 'Renew the car insurance before the old policy runs out at the end of the month',
    dueAt: hoursAfterStart(47),
    recurrence: { rrule: 'FREQ=YEARLY', anchor: 'schedule' },
    priority: 'medium',
    tags: ['paperwork'],
  },
  {
    title: 'Water the plants',
    dueAt: hoursAfterStart(7.5),
    recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'schedule' },
    priority: 'low',
    tags: ['garden'],
  },
];

const MIN_TARGET_PX = 44;

async function boxOf(target: Locator, what: string) {
  const box = await target.boundingBox();
  if (!box) assert.fail(`${what} is not on screen`);
  return box;
}

async function expectTarget(target: Locator, what: string): Promise<void> {
  const box = await boxOf(target, what);
  assert.ok(box.height >= MIN_TARGET_PX, `${what} is ${Math.round(box.height)} px tall (at least 44)`);
}

/** A 44 px target inside the screen's lower half, where a thumb reaches. */
async function expectInThumbReach(target: Locator, what: string, width: number): Promise<void> {
  await expectTarget(target, what);
  const box = await boxOf(target, what);
  const height = target.page().viewportSize()?.height ?? 0;
  assert.ok(box.x >= 0 && box.x + box.width <= width, `${what} fits across the ${width} px screen`);
  assert.ok(
    box.y >= height / 2 && box.y + box.height <= height,
    `${what} is at y=${Math.round(box.y)}: not in the lower half of the ${height} px screen`,
  );
  const uncovered = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (el === hit || el.contains(hit));
  });
  assert.ok(uncovered, `${what} is covered by something else (the bottom bar?)`);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
}

describe('the task list on a phone', () => {
  const e2e = useE2e();

  for (const width of [360, 390]) {
    it(`at ${width} px: rows with four chips keep their titles, nothing overlaps, targets are 44 px`, async () => {
      const context = await newContext(e2e.browser, e2e.baseUrl, width, 780);
      const page = await context.newPage();
      await signUp(page, uniqueEmail(`phone${width}`));
      const token = await tokenOf(page);
      for (const task of TASKS) {
        const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ ...task, timezone: 'UTC' }),
        });
        assert.equal(response.status, 201, `creating "${task.title}"`);
      }
      await page.getByRole('link', { name: 'All' }).click();
      for (const task of TASKS) await page.locator('app-task-row').filter({ hasText: task.title }).waitFor();
      const chips = await page.locator('app-task-row .chip').count();
      assert.equal(chips, TASKS.length * 4, 'every row carries four chips');

      const problems = await layoutProblems(page);
      assert.deepEqual(problems, [], `layout problems at ${width} px:\n${problems.join('\n')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width} px`);
      await expectAccessible(page, `task list with chips at ${width} px`);
      await screenshot(page, `task-list-${width}`);

      // One hand: the filter box opens from a 44 px target; the editor's Save, the chat's
      // field and Send sit in the lower half of the screen, under the thumb.
      const filters = page.getByText('Filter and sort');
      await expectTarget(filters, 'the filter box');
      await filters.click();
      await page.getByLabel('Search').waitFor();
      await expectTarget(page.getByLabel('Search'), 'the filter search field');

      await page.getByRole('link', { name: 'Pay rent', exact: true }).click();
      await page.getByRole('heading', { name: 'Edit task' }).waitFor();
      await expectInThumbReach(
        page.getByRole('button', { name: 'Save', exact: true }),
        "the editor's Save",
        width,
      );
      await expectNoSidewaysScroll(page, `the editor at ${width} px`);
      if (width === 360) await screenshot(page, 'editor-360');
      await page.getByRole('button', { name: 'Chat' }).click();
      await expectInThumbReach(page.getByLabel('Message'), "the chat's message field", width);
      await expectInThumbReach(page.getByRole('button', { name: 'Send' }), "the chat's Send", width);
      await page.getByRole('button', { name: 'Close chat' }).click();

      await expectSavedViewsDrawer(page, e2e.baseUrl, token, width);
      await page.getByRole('link', { name: 'All' }).click();
      await page.getByRole('link', { name: 'History of Pay rent' }).click();
      await page.getByText('Created “Pay rent”').waitFor();
      await expectNoSidewaysScroll(page, `the history at ${width} px`);
      await context.close();
    });
  }
});
