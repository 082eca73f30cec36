import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebSocketRoute } from 'playwright-core';
import {
  expectAccessible,
  newContext,
  screenshot,
  STEP_TIMEOUT_MS,
  signUp,
  tokenOf,
  uniqueEmail,
  waitUntilLive,
} from './browser.ts';
import { useE2e } from './fixture.ts';

async function createTask(baseUrl: string, token: string, title: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title }),
  });
  assert.equal(response.status, 201, `creating "${title}"`);
}

describe('realtime transport: banner, SSE fallback, resume', () => {
  const e2e = useE2e();

  it('shows the banner while WebSockets fail, then goes live over SSE and receives changes', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    // A network where the WebSocket path is unavailable (no ticket, so no socket).
    await context.route('**/api/realtime/ticket', (route) =>
      route.fulfill({ status: 503, body: 'unavailable' }),
    );
    const page = await context.newPage();
    await signUp(page, uniqueEmail('sse'));
    await page.getByRole('link', { name: 'All' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'Live updates disconnected' });
    await banner.waitFor();
    await expectAccessible(page, 'disconnected banner');
    await screenshot(page, 'disconnected-banner', { height: 400 });

    await page.locator('app-shell[data-transport="sse"][data-realtime="live"]').waitFor({ timeout: 15_000 });
    await banner.waitFor({ state: 'detached' });
    await createTask(e2e.baseUrl, await tokenOf(page), 'Arrived over SSE');
    const t0 = Date.now();
    await page
      .locator('app-task-row')
      .filter({ hasText: 'Arrived over SSE' })
      .waitFor({ timeout: STEP_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`a change did not arrive over SSE without a reload (waited ${Date.now() - t0} ms)`);
      });
    await context.close();
  });

  it('resumes after a dropped WebSocket: a change made while disconnected arrives without a reload', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/ws\?/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    const page = await context.newPage();
    await signUp(page, uniqueEmail('resume'));
    await page.getByRole('link', { name: 'All' }).click();
    await waitUntilLive(page);
    const token = await tokenOf(page);
    await createTask(e2e.baseUrl, token, 'Before the drop');
    await page
      .locator('app-task-row')
      .filter({ hasText: 'Before the drop' })
      .waitFor({ timeout: STEP_TIMEOUT_MS });

    // Block new tickets for a moment so the change below happens while disconnected.
    await context.route('**/api/realtime/ticket', (route) => route.fulfill({ status: 503, body: 'wait' }));
    await sockets.at(-1)!.close({ code: 4001, reason: 'test drops the connection' });
    await page.locator('app-shell[data-realtime="disconnected"]').waitFor();
    await createTask(e2e.baseUrl, token, 'Made while offline');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('app-task-row').filter({ hasText: 'Made while offline' }).count(), 0);
    await context.unroute('**/api/realtime/ticket');

    await waitUntilLive(page, 15_000);
    await page
      .locator('app-task-row')
      .filter({ hasText: 'Made while offline' })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await context.close();
  });
});
