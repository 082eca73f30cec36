import { describe, expect, it } from '@jest/globals';
import { effectiveFilter, hasSeveralLists } from './view-filter';

describe("a saved view's list filter", () => {
  it('given nothing typed, then it is the view’s own filter', () =>
    expect(effectiveFilter('today & p1 | overdue', '')).toBe('today & p1 | overdue'));

  it('given a filter typed in the box, then it narrows the view (both in parentheses, so | keeps its place)', () =>
    expect(effectiveFilter('today & p1 | overdue', ' @work ')).toBe('(today & p1 | overdue) & (@work)'));

  it('given a view with several lists, then its first list is shown', () => {
    expect(effectiveFilter('today, overdue', '')).toBe('today');
    expect(hasSeveralLists('today, overdue')).toBe(true);
    expect(hasSeveralLists('today | overdue')).toBe(false);
  });
});
