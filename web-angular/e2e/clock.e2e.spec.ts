import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newContext, signUp, tokenOf, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';
import { hoursAfterStart, PINNED_START } from './system-clock.ts';

/** The whole run stays well within an hour of the pinned start; the machine's date does not. */
const PINNED_WINDOW_MS = 3_600_000;

function expectPinned(instant: number, what: string): void {
  assert.ok(
    instant >= PINNED_START && instant < PINNED_START + PINNED_WINDOW_MS,
    `${what} reads ${new Date(instant).toISOString()}, not the pinned clock ` +
      `(${new Date(PINNED_START).toISOString()} and ticking)`,
  );
}

describe('the run is on the pinned clock', () => {
  const e2e = useE2e();

  it("the system's, its PostgreSQL's, the browser's and the SPA's clocks start at the pinned instant; timers run", async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('clock'));
    const created = await fetch(`${e2e.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(page)}` },
      body: JSON.stringify({ title: 'What time is it?' }),
    });
    assert.equal(created.status, 201, 'creating a task');
    // Node stamps the Date header with its own clock (whole seconds).
    expectPinned(Date.parse(created.headers.get('date') ?? ''), "the system's Date header");

    const { id } = (await created.json()) as { id: string };
    const history = await fetch(`${e2e.baseUrl}/api/tasks/${id}/history`, {
      headers: { authorization: `Bearer ${await tokenOf(page)}` },
    });
    assert.equal(history.status, 200, "reading the task's history");
    const { items } = (await history.json()) as { items: { time: string }[] };
    // The event's time is recorded_at, stamped by PostgreSQL's clock_timestamp().
    expectPinned(Date.parse(items[0]?.time ?? ''), "PostgreSQL's clock (the event's recorded_at)");

    expectPinned(await page.evaluate(() => Date.now()), "the browser's Date.now()");
    const afterTimer = await page.evaluate(
      () => new Promise<number>((resolve) => setTimeout(() => resolve(Date.now()), 50)),
    );
    expectPinned(afterTimer, "the browser's clock after a timer ran");

    // The SPA's injected clock (CLOCK, provideBrowserClock) reads the pinned one: a task due
    // 18:00 on the pinned day is "Today 18:00", a date only the pinned clock makes today.
    const dueToday = await fetch(`${e2e.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(page)}` },
      body: JSON.stringify({ title: 'Due on the pinned day', dueAt: hoursAfterStart(7.5), timezone: 'UTC' }),
    });
    assert.equal(dueToday.status, 201, 'creating a task due on the pinned day');
    await page.getByRole('link', { name: 'All' }).click();
    const chip = page
      .locator('app-task-row')
      .filter({ hasText: 'Due on the pinned day' })
      .locator('.chip-dueAt');
    await chip.waitFor();
    assert.equal(
      (await chip.innerText()).trim(),
      'Today 18:00',
      "the SPA's clock makes the pinned day today",
    );
    await context.close();
  });
});
