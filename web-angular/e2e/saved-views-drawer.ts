import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

const MIN_TARGET_PX = 44;

/**
 * The header's pieces and their buttons, by bounding box: none may overlap another, leave the
 * screen, or be too narrow for its label.
 */
function headerProblems(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const header = document.querySelector('header.top');
    if (!header) return ['no header'];
    const boxes = [...header.querySelectorAll('.brand, button, a.settings-link')]
      .map((el) => ({
        el,
        name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
        r: el.getBoundingClientRect(),
      }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    for (const b of boxes) {
      if (b.r.left < -0.5 || b.r.right > window.innerWidth + 0.5)
        problems.push(`${b.name} is off the screen`);
      if (b.name !== 'Todo' && b.r.height < min - 0.5)
        problems.push(`${b.name} is ${Math.round(b.r.height)} px tall`);
      // A squeezed button clips its label (or wraps it onto a second line).
      if (b.el.scrollWidth > b.el.clientWidth + 1) problems.push(`${b.name}'s label does not fit in it`);
    }
    for (let i = 0; i < boxes.length; i++)
      for (const other of boxes.slice(i + 1)) {
        const [a, b] = [boxes[i]!.r, other.r];
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) problems.push(`${boxes[i]!.name} overlaps ${other.name}`);
      }
    return problems;
  }, MIN_TARGET_PX);
}

/**
 * On a phone the bottom bar keeps its four fixed views; saved views open from one header
 * button as a drawer. A view saved elsewhere (the API) reaches the drawer live.
 */
export async function expectSavedViewsDrawer(page: Page, baseUrl: string, token: string, width: number) {
  const response = await fetch(`${baseUrl}/api/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Urgent', filter: 'today & p1 | overdue' }),
  });
  assert.equal(response.status, 201, 'saving a view');
  const problems = await headerProblems(page);
  assert.deepEqual(problems, [], `header at ${width} px:\n${problems.join('\n')}`);
  await page.getByRole('button', { name: 'Views', exact: true }).click();
  const link = page
    .getByRole('navigation', { name: 'Saved views' })
    .getByRole('link', { name: /^Urgent \d+$/ });
  await link.waitFor();
  const box = await link.boundingBox();
  assert.ok(
    box && box.height >= MIN_TARGET_PX,
    `the drawer's link is ${Math.round(box?.height ?? 0)} px tall`,
  );
  assert.ok(box.x >= 0 && box.x + box.width <= width, `the drawer's link fits across the ${width} px screen`);
  if (width === 360) await screenshot(page, 'saved-views-360');
  await link.click();
  await page.getByRole('heading', { name: 'Urgent' }).waitFor();
  assert.equal(await link.count(), 0, 'choosing a view closes the drawer');
}
