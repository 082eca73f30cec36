import type { Page } from 'playwright-core';

/**
 * What is wrong with the task list's layout, read from the bounding boxes of what each row
 * shows (check box, title, chips, row actions) and of the navigation: one line per problem,
 * none when the layout is right.
 *
 * - every row's title has a non-zero box inside the viewport;
 * - no two elements of a row overlap, and none leaves its row (onto the row below);
 * - every touch target (check box, row actions, navigation links) is at least 44 × 44 px;
 * - the navigation links fit in the viewport and do not overlap each other.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN_TARGET_PX = 44;
    // Sub-pixel rounding between neighbours is not an overlap a person could see.
    const SLACK_PX = 0.5;
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    type Box = { name: string; r: DOMRect };
    const boxOf = (el: Element, name: string): Box => ({ name, r: el.getBoundingClientRect() });
    const overlaps = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK_PX &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK_PX;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - SLACK_PX &&
      inner.right <= outer.right + SLACK_PX &&
      inner.top >= outer.top - SLACK_PX &&
      inner.bottom <= outer.bottom + SLACK_PX;
    const size = (r: DOMRect) => `${Math.round(r.width)}×${Math.round(r.height)}`;
    const at = (r: DOMRect) => `${size(r)} at (${Math.round(r.left)}, ${Math.round(r.top)})`;
    const smallTarget = (b: Box) =>
      b.r.width < MIN_TARGET_PX - SLACK_PX || b.r.height < MIN_TARGET_PX - SLACK_PX;
    const viewport = new DOMRect(0, 0, vw, vh);
    const pairsOf = (boxes: Box[]): [Box, Box][] =>
      boxes.flatMap((a, i) => boxes.slice(i + 1).map((b): [Box, Box] => [a, b]));

    const rows = [...document.querySelectorAll('[role="listitem"]')].filter((row) =>
      row.querySelector('app-task-row'),
    );
    if (rows.length === 0) problems.push('no task rows');
    for (const row of rows) {
      const rowBox = row.getBoundingClientRect();
      // Rows the virtual scroll keeps below the fold are not on screen to judge.
      if (rowBox.top >= vh || rowBox.bottom <= 0) continue;
      const titleEl = row.querySelector('.title');
      const label = titleEl?.textContent?.trim() ?? '(no title element)';
      const parts: Box[] = [];
      if (titleEl) parts.push(boxOf(titleEl, 'title'));
      else problems.push(`${label}: no title element`);
      for (const chip of row.querySelectorAll('.chip'))
        parts.push(boxOf(chip, `chip "${chip.textContent?.trim()}"`));
      const targets: Box[] = [];
      const check = row.querySelector('.check') ?? row.querySelector('input[type="checkbox"]');
      if (check) targets.push(boxOf(check, 'check box'));
      for (const action of row.querySelectorAll('a.row-action, button, a.icon-link'))
        targets.push(boxOf(action, action.getAttribute('aria-label') ?? 'action'));
      parts.push(...targets);

      const title = parts.find((p) => p.name === 'title');
      if (title) {
        if (title.r.width <= 0 || title.r.height <= 0)
          problems.push(`${label}: the title has no size (${size(title.r)})`);
        else if (!inside(title.r, viewport))
          problems.push(`${label}: the title (${at(title.r)}) is outside the ${vw}×${vh} viewport`);
      }
      for (const p of parts) {
        if (p.r.width === 0 && p.r.height === 0) continue;
        if (!inside(p.r, rowBox))
          problems.push(`${label}: ${p.name} (${at(p.r)}) leaves its row (${at(rowBox)})`);
        // The list scrolls inside its own box: a row wider than the screen hides its end.
        if (p.name !== 'title' && (p.r.left < -SLACK_PX || p.r.right > vw + SLACK_PX))
          problems.push(`${label}: ${p.name} (${at(p.r)}) is off the ${vw} px wide screen`);
      }
      for (const [a, b] of pairsOf(parts))
        if (overlaps(a.r, b.r)) problems.push(`${label}: ${a.name} overlaps ${b.name}`);
      for (const t of targets)
        if (t.r.width > 0 && smallTarget(t))
          problems.push(`${label}: ${t.name} is a ${size(t.r)} px touch target`);
    }

    const links = [...document.querySelectorAll('nav[aria-label="Views"] a')].map((a) =>
      boxOf(a, `navigation link "${a.textContent?.trim()}"`),
    );
    if (links.length === 0) problems.push('no navigation links');
    for (const l of links) {
      if (!inside(l.r, viewport)) problems.push(`${l.name} does not fit in the viewport`);
      if (smallTarget(l)) problems.push(`${l.name} is a ${size(l.r)} px touch target`);
    }
    for (const [a, b] of pairsOf(links))
      if (overlaps(a.r, b.r)) problems.push(`${a.name} overlaps ${b.name}`);
    return problems;
  });
}
