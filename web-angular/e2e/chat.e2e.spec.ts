import { describe, it } from 'node:test';
import { expectAccessible, expectOk, newContext, screenshot, signUp, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';

describe('chatbot', () => {
  const e2e = useE2e();

  it('adds a task through the chatbot and shows the action as a card linking to it', async () => {
    const page = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await signUp(page, uniqueEmail('chat'));
    await page.getByRole('link', { name: 'All' }).click();
    await page.getByRole('button', { name: 'Chat' }).click();
    const message = page.getByLabel('Message');
    await message.fill('add buy milk tomorrow at 5pm #shopping');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await message.press('Enter');
    expectOk(await answered, 'the chatbot route (issue 5) has not landed');
    const log = page.getByRole('log', { name: 'Conversation' });
    const card = log.getByRole('link').filter({ hasText: 'Created' });
    await card.waitFor();
    await page.locator('app-task-row').filter({ hasText: /buy milk/i }).waitFor();
    await expectAccessible(page, 'chat panel');
    await screenshot(page, 'chat');
    await card.click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    await page.context().close();
  });
});
