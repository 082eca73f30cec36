import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, expectOk, newContext, screenshot, signUp, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';

describe('lists', () => {
  const e2e = useE2e();

  it('makes a list, files a task into it from quick add with #List, and shows it in the list', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('lists'));

    await page.getByRole('button', { name: 'Lists' }).click();
    const menu = page.getByRole('navigation', { name: 'Lists' });
    await menu.getByPlaceholder('New list').fill('Work');
    const made = page.waitForResponse(
      (r) => r.url().endsWith('/api/lists') && r.request().method() === 'POST',
    );
    await menu.getByRole('button', { name: 'Add' }).click();
    expectOk(await made, 'creating a list');
    // Making a list opens it.
    await page.getByRole('heading', { name: 'Work', level: 1 }).waitFor();

    await page.locator('body').press('q');
    const parsed = page.waitForResponse((r) => r.url().endsWith('/api/nl/parse'));
    await page.keyboard.type('Prepare slides #Work p1 @deck');
    expectOk(await parsed, 'the quick-add preview');
    const preview = page.getByRole('list', { name: 'What will be saved' });
    await preview.getByText('#Work').waitFor();
    await preview.getByText('@deck').waitFor();
    await preview.getByText('Prepare slides', { exact: true }).waitFor();
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST',
    );
    await page.keyboard.press('Enter');
    expectOk(await created, 'creating a task');

    const row = page.locator('app-task-row').filter({ hasText: 'Prepare slides' });
    await row.waitFor();
    await row.getByText('#Work', { exact: true }).waitFor();
    await row.getByText('@deck', { exact: true }).waitFor();
    assert.equal(await row.getByText('Prepare slides #Work').count(), 0, 'the #List left the title');
    await expectAccessible(page, 'a list with its task');
    await screenshot(page, 'list-page');

    // The Inbox does not show it; the list in the menu leads back to it.
    await page.getByRole('button', { name: 'Lists' }).click();
    await menu.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByText('Nothing here. Add a task above.').waitFor();
    await page.getByRole('button', { name: 'Lists' }).click();
    await menu.getByRole('link', { name: 'Work' }).click();
    await row.waitFor();
    await context.close();
  });
});
