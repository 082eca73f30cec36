import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import { FilterBar, filterSegments } from './filter-bar';
import { EMPTY_FILTERS, type TaskFilters } from './task-views';

function render() {
  const fixture = TestBed.createComponent(FilterBar);
  fixture.componentRef.setInput('filters', EMPTY_FILTERS);
  const emitted: TaskFilters[] = [];
  fixture.componentInstance.changed.subscribe((f) => emitted.push(f));
  fixture.detectChanges();
  const box = fixture.nativeElement.querySelector('#filter-query') as HTMLInputElement;
  const type = (text: string) => {
    box.value = text;
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };
  const el = fixture.nativeElement as HTMLElement;
  return { emitted, type, el, box };
}

describe('the filter box', () => {
  it('given a valid filter, when typed, then it is highlighted by term and sent', () => {
    const { emitted, type, el } = render();
    type('today & p1 | overdue');
    const terms = [...el.querySelectorAll('.highlight .term')].map((s) => s.textContent);
    expect(terms).toEqual(['today', 'p1', 'overdue']);
    expect(el.querySelector('.highlight .term-priority')?.textContent).toBe('p1');
    expect(emitted.at(-1)?.filter).toBe('today & p1 | overdue');
  });

  it('given a syntax error, when typed, then the error shows inline at its position and nothing is sent', () => {
    const { emitted, type, el, box } = render();
    type('today & | p1');
    expect(el.querySelector('.highlight .error')?.textContent).toBe('|');
    const help = el.querySelector('#filter-query-help') as HTMLElement;
    expect(help.classList.contains('error')).toBe(true);
    expect(help.textContent).toContain('(at 9)');
    expect(help.textContent).toContain('expected today');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(emitted).toEqual([]);
  });

  it('given an unknown term, when typed, then the whole message names it', () => {
    const { type, el } = render();
    type('p1 & frobnicate');
    expect(el.querySelector('#filter-query-help')?.textContent).toContain('unknown term "frobnicate" (at 6)');
  });

  it('given a filter that ends early, when typed, then the error marks the end', () => {
    expect(filterSegments('today &').segments.at(-1)).toEqual({ text: ' ', kind: 'error' });
  });

  it('given several lists, when typed, then it says they are not shown here and sends nothing', () => {
    const { emitted, type, el } = render();
    type('today, overdue');
    expect(el.querySelector('#filter-query-help')?.textContent).toContain('several lists');
    expect(emitted).toEqual([]);
  });
});
