import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, expectOk, newContext, screenshot, signUp, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';

const RENT = 'Pay rent every month on the 1st p1 #home';

describe('quick-add, list, editor and history', () => {
  const e2e = useE2e();

  it('quick-adds "Pay rent every month on the 1st p1 #home" and lists it with its chips', async () => {
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
    await preview.getByText('#home').waitFor();
    await preview.getByText('Pay rent', { exact: true }).waitFor();
    assert.ok((await page.locator('mark.hl-recurrence').innerText()).includes('every month on the 1st'));
    await expectAccessible(page, 'quick-add preview');
    await screenshot(page, 'quick-add');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    expectOk(await created, 'creating a task');

    await page.getByRole('link', { name: 'All' }).click();
    const row = page.locator('app-task-row').filter({ hasText: 'Pay rent' });
    await row.waitFor();
    for (const chip of ['Every month on the 1st', 'high', '#home']) await row.getByText(chip, { exact: true }).waitFor();
    await expectAccessible(page, 'task list');
    await screenshot(page, 'task-list');

    await row.getByRole('link', { name: 'Pay rent' }).click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Pay rent');
    await page.getByTestId('recurrence-words').getByText('Every month on the 1st').waitFor();
    await expectAccessible(page, 'task editor');
    await screenshot(page, 'editor');

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
    await expectAccessible(page, 'task list at 360 px');
    await screenshot(page, 'task-list-360');

    await row.getByRole('checkbox', { name: 'Complete Water the plants' }).check();
    await page.getByRole('status').filter({ hasText: 'Completed “Water the plants”' }).waitFor();
    await page.getByRole('button', { name: 'Undo completing Water the plants' }).click();
    await row.getByRole('checkbox', { name: 'Complete Water the plants' }).waitFor();
    assert.equal(await row.getByRole('checkbox').isChecked(), false);

    await row.getByRole('button', { name: 'Delete Water the plants' }).click();
    await page.getByRole('button', { name: 'Undo deleting Water the plants' }).click();
    await page.locator('app-task-row').filter({ hasText: 'Water the plants' }).waitFor();
    await context.close();
  });
});
