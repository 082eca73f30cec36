import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expectAccessible,
  expectOk,
  newContext,
  screenshot,
  signUp,
  STEP_TIMEOUT_MS,
  tokenOf,
  uniqueEmail,
} from './browser.ts';
import { useE2e } from './fixture.ts';

/** Asks until the answer is yes, within a step's bound; fails naming what never came true. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${STEP_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('installable, and open offline read-only', () => {
  const e2e = useE2e();

  it('has a manifest with icons, and opens offline to the shell with the lists last seen', async () => {
    const manifest = await fetch(`${e2e.baseUrl}/manifest.webmanifest`);
    assert.equal(manifest.status, 200, 'GET /manifest.webmanifest');
    const body = (await manifest.json()) as { display: string; icons: { src: string; sizes: string }[] };
    assert.equal(body.display, 'standalone');
    for (const icon of body.icons) {
      const answer = await fetch(`${e2e.baseUrl}${icon.src}`);
      assert.equal(answer.status, 200, `the icon ${icon.src}`);
    }
    assert.ok(
      body.icons.some((i) => i.sizes === '192x192') && body.icons.some((i) => i.sizes === '512x512'),
      'install prompts need 192 and 512 px icons',
    );

    const context = await newContext(e2e.browser, e2e.baseUrl, 390, 780);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('offline'));
    const created = await fetch(`${e2e.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(page)}` },
      body: JSON.stringify({ title: 'Buy stamps', priority: 'high', tags: ['errands'] }),
    });
    assert.equal(created.status, 201, 'creating a task');

    // The worker controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole('link', { name: 'All' }).click();
    await page.locator('app-task-row').filter({ hasText: 'Buy stamps' }).waitFor();
    await eventually('the worker keeps the shell and every file of the build', () =>
      page.evaluate(async () => {
        const files = (await (await fetch('/offline-files.json')).json()) as string[];
        const kept = await Promise.all(['/', ...files].map((path) => caches.match(path)));
        return files.length > 0 && kept.every((r) => r !== undefined);
      }),
    );

    await context.setOffline(true);
    const answer = await page.reload();
    expectOk(answer ?? assert.fail('no answer to the reload'), 'the shell from the service worker');
    await page.getByRole('status').filter({ hasText: 'Offline, read-only' }).waitFor();
    await page.locator('app-task-row').filter({ hasText: 'Buy stamps' }).waitFor();
    assert.equal(await page.getByLabel('Add task').isDisabled(), true, 'quick add is off while offline');
    assert.equal(
      await page.getByRole('checkbox', { name: 'Complete Buy stamps' }).isDisabled(),
      true,
      'completing is off while offline',
    );
    await expectAccessible(page, 'offline, read-only');
    await screenshot(page, 'offline-read-only');

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Offline, read-only' }).waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Add task').isDisabled(), false, 'quick add is back online');

    // After log-out the worker drops the cached lists: nothing stays for the next user.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.waitForFunction(async () =>
      (await caches.keys()).every((name) => !name.startsWith('todo-data')),
    );
    await context.close();
  });
});
