import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, newContext, screenshot, signUp, tokenOf, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';
import { layoutProblems } from './layout.ts';

/**
 * The browser's clock is pinned (Date.now, new Date) so the due chips read the same on every
 * run: "Tomorrow 17:00" and so on. Timers keep running; the server keeps its own clock, and
 * nothing here asserts a date.
 */
const PINNED_NOW = new Date('2026-03-02T08:00:00Z');

/** Four chips each: due, recurrence, priority and a tag; one title long enough to wrap. */
const TASKS = [
  {
    title: 'Pay rent',
    dueAt: '2026-03-03T17:00:00Z',
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    priority: 'high',
    tags: ['home'],
  },
  {
    title: 'Renew the car insurance before the old policy runs out at the end of the month',
    dueAt: '2026-03-04T09:30:00Z',
    recurrence: { rrule: 'FREQ=YEARLY', anchor: 'schedule' },
    priority: 'medium',
    tags: ['paperwork'],
  },
  {
    title: 'Water the plants',
    dueAt: '2026-03-02T18:00:00Z',
    recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'schedule' },
    priority: 'low',
    tags: ['garden'],
  },
];

describe('the task list on a phone', () => {
  const e2e = useE2e();

  for (const width of [360, 390]) {
    it(`at ${width} px: rows with four chips keep their titles, nothing overlaps, targets are 44 px`, async () => {
      const context = await newContext(e2e.browser, e2e.baseUrl, width, 780);
      await context.clock.setFixedTime(PINNED_NOW);
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
      await context.close();
    });
  }
});
