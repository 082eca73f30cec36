import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

const MIN_TARGET_PX = 44;

/**
 * The header's pieces and their buttons, by bounding box: all on one row, none overlapping
 * another, leaving the screen, too narrow for its label or wrapping it onto a second line
 * ("Notify me" and "Log out" did at 360 px), and no two with the same name or the same icon
 * (the views' and the lists' buttons were both ☰).
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
    // A label on two lines has two text boxes one above the other (not side by side).
    const wraps = (el: Element) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const rects: DOMRect[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      return rects.some((a) => rects.some((b) => b.top >= a.bottom - 1));
    };
    for (const b of boxes) if (wraps(b.el)) problems.push(`${b.name}'s label wraps onto two lines`);
    const first = boxes[0];
    if (first) {
      const middle = (r: DOMRect) => (r.top + r.bottom) / 2;
      for (const b of boxes.slice(1))
        if (Math.abs(middle(b.r) - middle(first.r)) > 4)
          problems.push(
            `${b.name} is not on one row with ${first.name} (middle at y=${Math.round(middle(b.r))}, ` +
              `not ${Math.round(middle(first.r))})`,
          );
    }
    const names = boxes.map((b) => b.name);
    for (const name of new Set(names))
      if (names.filter((n) => n === name).length > 1) problems.push(`two buttons are named ${name}`);
    // What an icon shows: its glyph, or its SVG's shapes (without Angular's per-component marks).
    const iconOf = (el: Element) => {
      const shown = [...el.querySelectorAll('[aria-hidden="true"]')].find(
        (i) => i.getBoundingClientRect().width > 0,
      );
      if (!shown) return null;
      const shapes = [...shown.querySelectorAll('*')].map(
        (n) =>
          n.tagName +
          [...n.attributes]
            .filter((attr) => !attr.name.startsWith('_ng'))
            .map((attr) => ` ${attr.name}=${attr.value}`)
            .join(''),
      );
      return shapes.length ? shapes.join(';') : (shown.textContent ?? '').trim();
    };
    const icons = boxes.map((b) => ({ name: b.name, icon: iconOf(b.el) })).filter((b) => b.icon);
    for (const [i, a] of icons.entries())
      for (const other of icons.slice(i + 1))
        if (a.icon === other.icon) problems.push(`${a.name} and ${other.name} show the same icon`);
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
  await page.getByRole('button', { name: 'Saved views', exact: true }).click();
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
