import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expectAccessible,
  expectOk,
  newContext,
  screenshot,
  signUp,
  tokenOf,
  uniqueEmail,
} from './browser.ts';
import { useE2e } from './fixture.ts';
import { hoursAfterStart } from './system-clock.ts';

const RENT = 'Pay rent every month on the 1st p1 @home';

describe('quick-add, list, editor and history', () => {
  const e2e = useE2e();

  it('quick-adds "Pay rent every month on the 1st p1 @home" and lists it with its chips', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('rent'));
    await expectAccessible(page, 'today (empty)');

    // `q` focuses the quick-add box from anywhere.
    await page.locator('body').press('q');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'quick-add-input');

    const parsed = page.waitForResponse((r) => r.url().endsWith('/api/nl/parse'));
    await page.keyboard.type(RENT);
    expectOk(await parsed, 'POST /api/nl/parse (issue 5) is needed for the live preview');
    const preview = page.getByRole('list', { name: 'What will be saved' });
    await preview.getByText('Every month on the 1st').waitFor();
    await preview.getByText('Priority high').waitFor();
    await preview.getByText('@home').waitFor();
    await preview.getByText('Pay rent', { exact: true }).waitFor();
    assert.ok((await page.locator('mark.hl-recurrence').innerText()).includes('every month on the 1st'));
    await expectAccessible(page, 'quick-add preview');
    await screenshot(page, 'quick-add', { height: 400 });

    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST',
    );
    await page.keyboard.press('Enter');
    expectOk(await created, 'creating a task');

    await page.getByRole('link', { name: 'All' }).click();
    const row = page.locator('app-task-row').filter({ hasText: 'Pay rent' });
    await row.waitFor();
    for (const chip of ['Every month on the 1st', 'high', '@home'])
      await row.getByText(chip, { exact: true }).waitFor();
    await expectAccessible(page, 'task list');
    await screenshot(page, 'task-list');

    await row.getByRole('link', { name: 'Pay rent', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Pay rent');
    await page.getByTestId('recurrence-words').getByText('Every month on the 1st').waitFor();
    await expectAccessible(page, 'task editor');
    await screenshot(page, 'editor', { height: 1350 });

    // The recurrence builder says a new rule in words as it is built.
    await page.getByLabel('Repeats').selectOption('WEEKLY');
    await page.getByLabel('Every').fill('2');
    await page.getByLabel('Every').dispatchEvent('change');
    await page.getByRole('checkbox', { name: 'Monday' }).check();
    await page.getByRole('checkbox', { name: 'Thursday' }).check();
    await page.getByTestId('recurrence-words').getByText('Every 2 weeks on Monday and Thursday').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/tasks/all');
    await row.getByText('Every 2 weeks on Monday and Thursday').waitFor();

    await row.getByRole('link', { name: 'History of Pay rent' }).click();
    const timeline = page.getByRole('list').filter({ hasText: 'Created' });
    await timeline.getByText('Created “Pay rent”').waitFor();
    await timeline.getByText('Changed repeat').waitFor();
    await expectAccessible(page, 'history');
    await screenshot(page, 'history');
    await context.close();
  });

  it('completes with an undo toast, and works at 360 px wide', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl, 360, 740);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('narrow'));
    await page.getByLabel('Add task').fill('Water the plants');
    await page.getByLabel('Add task').press('Enter');
    await page.getByRole('link', { name: 'All' }).click();
    const row = page.locator('app-task-row').filter({ hasText: 'Water the plants' });
    await row.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360 px`);
    // Its picture is phone.e2e.spec.ts's, with four chips a row.
    await expectAccessible(page, 'task list at 360 px');

    await row.getByRole('checkbox', { name: 'Complete Water the plants' }).check();
    await page.getByRole('status').filter({ hasText: 'Completed “Water the plants”' }).waitFor();
    await page.getByRole('button', { name: 'Undo completing Water the plants' }).click();
    await row.getByRole('checkbox', { name: 'Complete Water the plants' }).waitFor();
    assert.equal(await row.getByRole('checkbox').isChecked(), false);

    // The editor and the chat panel fit too.
    await row.getByRole('link', { name: 'Water the plants', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    const editorOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(editorOverflow <= 0, `the editor scrolls sideways by ${editorOverflow}px at 360 px`);
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByLabel('Message').waitFor();
    const chatBox = await page.getByLabel('Message').boundingBox();
    assert.ok(
      chatBox && chatBox.x >= 0 && chatBox.x + chatBox.width <= 360,
      'the message field fits at 360 px',
    );
    await expectAccessible(page, 'chat at 360 px');
    await page.getByRole('button', { name: 'Close chat' }).click();
    await page.getByRole('link', { name: 'All' }).click();

    await row.getByRole('button', { name: 'Delete Water the plants' }).click();
    await page.getByRole('button', { name: 'Undo deleting Water the plants' }).click();
    await page.locator('app-task-row').filter({ hasText: 'Water the plants' }).waitFor();
    await context.close();
  });

  it('scrolls through 1,500 tasks with a bounded number of rows in the page', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('many'));
    const token = await tokenOf(page);
    const total = 1500;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const n = next++;
        const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ title: `Task ${String(n).padStart(4, '0')}` }),
        });
        if (response.status !== 201) throw new Error(`creating task ${n} answered ${response.status}`);
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(`[e2e] created ${total} tasks in ${Date.now() - t0} ms`);

    const created = Date.now();
    await page.getByRole('link', { name: 'All' }).click();
    const viewport = page.locator('cdk-virtual-scroll-viewport');
    await page.locator('app-task-row').first().waitFor();
    const count = page.locator('section.list-page p[aria-live]');
    const deadline = Date.now() + 30_000;
    let maxRows = 0;
    while ((await count.innerText()) !== `${total} tasks` && Date.now() < deadline) {
      await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForTimeout(100);
      maxRows = Math.max(maxRows, await page.locator('app-task-row').count());
    }
    assert.equal(await count.innerText(), `${total} tasks`, 'every page of the list loaded while scrolling');
    assert.ok(maxRows < 80, `virtual scroll keeps the DOM small, saw up to ${maxRows} rows`);
    console.log(
      `[e2e] ${total} tasks scrolled through in ${Date.now() - created} ms, at most ${maxRows} rows in the DOM`,
    );
    await context.close();
  });

  it('filters by priority, tag, search and due range; sorts; switches views; all by keyboard', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('filters'));
    const token = await tokenOf(page);
    // Days after the pinned start (10:30 UTC): "Renew passport" is due at 16:30 the same day.
    const day = (offset: number) => hoursAfterStart(offset * 24);
    const tasks = [
      { title: 'Renew passport', priority: 'high', tags: ['admin'], dueAt: day(0.25) },
      { title: 'Book dentist', priority: 'low', tags: ['health'], dueAt: day(3) },
      { title: 'Read a novel', priority: 'none', tags: ['fun'], dueAt: day(40) },
      { title: 'Old chore', priority: 'medium', tags: ['admin'] },
    ];
    for (const task of tasks) {
      const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...task, timezone: 'UTC' }),
      });
      assert.equal(response.status, 201, `creating ${task.title}`);
    }
    const titles = () => page.locator('app-task-row .title').allInnerTexts();
    const expectTitles = async (expected: string[], what: string) => {
      const deadline = Date.now() + 5000;
      let seen: string[] = [];
      while (Date.now() < deadline) {
        seen = await titles();
        if (JSON.stringify(seen) === JSON.stringify(expected)) return;
        await page.waitForTimeout(100);
      }
      assert.deepEqual(seen, expected, what);
    };

    await page.reload();
    await expectTitles(['Renew passport'], 'Today: due today');
    await page.getByRole('link', { name: 'Upcoming' }).click();
    await expectTitles(['Book dentist', 'Read a novel'], 'Upcoming: due after today, soonest first');

    await page.getByRole('link', { name: 'All' }).click();
    await expectTitles(['Renew passport', 'Book dentist', 'Read a novel', 'Old chore'], 'All by due date');
    // Keyboard only: open the filters, pick a priority, type a tag.
    await page.getByText('Filter and sort').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Priority', { exact: true }).focus();
    await page.getByLabel('Priority', { exact: true }).selectOption('high');
    await expectTitles(['Renew passport'], 'priority high');
    await page.getByLabel('Priority', { exact: true }).selectOption('');
    await page.getByLabel('Tag').fill('admin');
    await page.getByLabel('Tag').press('Tab');
    await expectTitles(['Renew passport', 'Old chore'], 'tag admin');
    await page.getByLabel('Sort by').selectOption('priority');
    await page.getByLabel('Order').selectOption('asc');
    await expectTitles(['Old chore', 'Renew passport'], 'tag admin by priority, lowest first');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Search').fill('dentist');
    await page.getByLabel('Search').press('Enter');
    await expectTitles(['Book dentist'], 'search');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Due from').fill(day(1).slice(0, 10));
    await page.getByLabel('Due from').dispatchEvent('change');
    await page.getByLabel('Due to').fill(day(10).slice(0, 10));
    await page.getByLabel('Due to').dispatchEvent('change');
    await expectTitles(['Book dentist'], 'due range');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Complete from the keyboard: focus the check box, press Space.
    await page.getByRole('checkbox', { name: 'Complete Renew passport' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Reopen Renew passport' }).waitFor();
    await page.getByRole('link', { name: 'Completed' }).click();
    await expectTitles(['Renew passport'], 'Completed view');
    await expectAccessible(page, 'completed view with filters open');
    await context.close();
  });
});
