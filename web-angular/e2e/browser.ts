import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { BROWSER_TIME_ZONE, systemNow } from './system-clock.ts';
import { REPO_ROOT } from './system.ts';

/** The README's pictures come from the standalone run; another run (on Dapr) keeps its own apart. */
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? join(REPO_ROOT, 'docs', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** How long one browser step (a click, a fill, a navigation) may take. */
export const STEP_TIMEOUT_MS = 10_000;

/**
 * A browser context on the system's clock: installed at the system's "now" (Date, Intl and
 * performance read it), it ticks with the system's and its timers run, also across navigations.
 */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  width = 1000,
  height = 700,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width, height },
    timezoneId: BROWSER_TIME_ZONE,
  });
  await context.clock.install({ time: systemNow() });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/**
 * How long a sign-up or log-in answer may take. Both hash the password with scrypt at
 * N=2^17 (128 MiB, memory-hard on purpose): 0.3–0.5 s on an idle core, but 3–8 s measured
 * on the shared 2-core machine under load, where it is nearly all of the answer's time. A
 * step's bound (STEP_TIMEOUT_MS) is for UI work and missed it now and then; this bound is
 * only for liveness.
 */
export const AUTH_ANSWER_TIMEOUT_MS = 60_000;

/**
 * Clicks the auth form's button and waits for the server's answer (with the bound of a
 * password hash, not of a step), so the next step's own bound starts once it has arrived.
 */
export async function submitAuth(page: Page, button: 'Sign up' | 'Log in'): Promise<Response> {
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/api\/auth\/(signup|login)$/.test(new URL(r.url()).pathname),
    { timeout: AUTH_ANSWER_TIMEOUT_MS },
  );
  await page.getByRole('button', { name: button }).click();
  return answer;
}

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  expectOk(await submitAuth(page, 'Sign up'), 'sign-up');
  await page.waitForURL('**/tasks/today');
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  expectOk(await submitAuth(page, 'Log in'), 'log-in');
  await page.waitForURL('**/tasks/today');
}

/** The bearer token the SPA keeps, for arranging data through the API. */
export async function tokenOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => localStorage.getItem('todo.session'));
  if (!stored) throw new Error('not signed in');
  return (JSON.parse(stored) as { token: string }).token;
}

/** Waits until the page's realtime connection is live, or fails saying what is missing. */
export async function waitUntilLive(page: Page, timeoutMs = 10_000): Promise<void> {
  try {
    await page.locator('app-shell[data-realtime="live"]').waitFor({ timeout: timeoutMs });
  } catch {
    const state = await page.locator('app-shell').getAttribute('data-realtime');
    throw new Error(
      `the realtime connection is not live after ${timeoutMs} ms (state: ${state}); ` +
        'needs the realtime service (issue 4): POST /api/realtime/ticket, /ws and /api/stream',
    );
  }
}

/** Asserts a backend call succeeded, naming the backend piece when it has not landed. */
export function expectOk(response: Response, what: string): void {
  if (!response.ok()) {
    throw new Error(
      `${response.request().method()} ${new URL(response.url()).pathname} answered ${response.status()}: ${what}`,
    );
  }
}

const axeSource = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const lines = bad.map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
    throw new Error(
      `axe found ${bad.length} serious/critical violation(s) on ${screen}:\n${lines.join('\n')}`,
    );
  }
}

/**
 * Saves a small PNG of the current screen for docs/screenshots (and the README). Toasts
 * are closed first unless the toast is the subject; `height` grows the viewport for a
 * screen that scrolls inside the app (the editor).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { keepToasts?: boolean; height?: number } = {},
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (!options.keepToasts) {
    for (const close of await page.getByRole('button', { name: 'Close notification' }).all())
      await close.click();
  }
  const before = page.viewportSize();
  if (options.height && before) await page.setViewportSize({ width: before.width, height: options.height });
  // Let layout settle so the picture is stable.
  await page.waitForTimeout(150);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
    // The test accounts' random emails would change every picture on every run.
    style: '.account .email { visibility: hidden; }',
  });
  if (options.height && before) await page.setViewportSize(before);
}
