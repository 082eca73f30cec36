import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { type RunningSystem, startSystem } from './system.ts';

export interface E2eFixture {
  baseUrl: string;
  browser: Browser;
}

/**
 * One real system and one browser per spec file. The runner (run-e2e.ts) starts a single
 * system for all files and passes E2E_BASE_URL; a file run on its own starts its own.
 */
export function useE2e(): E2eFixture {
  const fixture = {} as E2eFixture;
  let system: RunningSystem | null = null;
  before(async () => {
    if (process.env.E2E_BASE_URL) fixture.baseUrl = process.env.E2E_BASE_URL;
    else {
      system = await startSystem();
      fixture.baseUrl = system.baseUrl;
      process.env.E2E_CLOCK_OFFSET_MS = String(system.clockOffsetMs);
    }
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await system?.stop();
  });
  return fixture;
}
