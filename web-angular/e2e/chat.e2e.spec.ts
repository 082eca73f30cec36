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

describe('chatbot', () => {
  const e2e = useE2e();

  it('adds a task through the chatbot and shows the action as a card linking to it', async () => {
    const page = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await signUp(page, uniqueEmail('chat'));
    await page.getByRole('link', { name: 'All' }).click();
    await page.getByRole('button', { name: 'Chat' }).click();
    const message = page.getByLabel('Message');
    await message.fill('add buy milk tomorrow at 5pm @shopping');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await message.press('Enter');
    expectOk(await answered, 'the chatbot route (issue 5) has not landed');
    const log = page.getByRole('log', { name: 'Conversation' });
    const card = log.getByRole('link').filter({ hasText: 'Created' });
    await card.waitFor();
    await page
      .locator('app-task-row')
      .filter({ hasText: /buy milk/i })
      .waitFor();
    await expectAccessible(page, 'chat panel');
    await screenshot(page, 'chat');
    await card.click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    await page.context().close();
  });

  it('asks which task is meant when two match, and acts on the one clicked; undo reverses it', async () => {
    const page = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
    await signUp(page, uniqueEmail('chat2'));
    const token = await tokenOf(page);
    for (const title of ['Write report Q1', 'Write report Q2']) {
      const response = await fetch(`${e2e.baseUrl}/api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title }),
      });
      if (response.status !== 201) throw new Error(`creating "${title}" answered ${response.status}`);
    }
    await page.getByRole('link', { name: 'All' }).click();
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByLabel('Message').fill('complete report');
    await page.getByLabel('Message').press('Enter');
    const choices = page.getByRole('group', { name: 'Choose a task' });
    await choices.waitFor().catch(() => {
      throw new Error('the chatbot did not offer choices for an ambiguous target (issue 5)');
    });
    await choices.getByRole('button', { name: /Write report Q2/ }).click();
    const log = page.getByRole('log', { name: 'Conversation' });
    await log
      .getByRole('link')
      .filter({ hasText: 'Completed' })
      .filter({ hasText: 'Write report Q2' })
      .waitFor();
    await page.getByRole('checkbox', { name: 'Reopen Write report Q2' }).waitFor();
    await page.getByRole('checkbox', { name: 'Complete Write report Q1' }).waitFor();

    await page.getByLabel('Message').fill('undo');
    await page.getByLabel('Message').press('Enter');
    await page.getByRole('checkbox', { name: 'Complete Write report Q2' }).waitFor();
    await page.context().close();
  });
});
