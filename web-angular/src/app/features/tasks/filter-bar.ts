import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { parseFilter, type FilterExpr, type FilterTerm } from '@todo/contracts';
import { EMPTY_FILTERS, type TaskFilters } from './task-views';

/** A piece of the filter text as the box shows it: a term (by kind), an operator, or the error. */
export interface FilterSegment {
  text: string;
  kind: 'term' | 'operator' | 'error';
  term?: FilterTerm['kind'];
}

const termsOf = (expr: FilterExpr): FilterTerm[] =>
  expr.kind === 'and' || expr.kind === 'or'
    ? [...termsOf(expr.left), ...termsOf(expr.right)]
    : expr.kind === 'not'
      ? termsOf(expr.operand)
      : [expr];

/**
 * The filter cut into segments with the contracts parser the server uses: each term marked
 * by its kind, or, for a filter that does not parse, the character where it went wrong.
 */
export function filterSegments(text: string): { segments: FilterSegment[]; error: string | null } {
  const parsed = parseFilter(text);
  if (!parsed.ok) {
    const at = Math.min(parsed.error.position, text.length);
    const expected = parsed.error.expected.length ? ` — expected ${parsed.error.expected.join(', ')}` : '';
    const segments: FilterSegment[] = [
      { text: text.slice(0, at), kind: 'operator' },
      { text: text.slice(at, at + 1) || ' ', kind: 'error' },
      { text: text.slice(at + 1), kind: 'operator' },
    ];
    return {
      segments: segments.filter((seg) => seg.text !== ''),
      error: `${parsed.error.message} (at ${at + 1})${expected}`,
    };
  }
  if (parsed.query.groups.length > 1)
    return {
      segments: [{ text, kind: 'operator' }],
      error: 'several lists (",") are not shown here yet: use one list',
    };
  const segments: FilterSegment[] = [];
  let pos = 0;
  for (const term of parsed.query.groups.flatMap((g) => termsOf(g.expr))) {
    if (term.start > pos) segments.push({ text: text.slice(pos, term.start), kind: 'operator' });
    segments.push({ text: text.slice(term.start, term.end), kind: 'term', term: term.kind });
    pos = term.end;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), kind: 'operator' });
  return { segments, error: null };
}

/** Priority, tag, search and due range filters plus the sort; every control labelled. */
@Component({
  selector: 'app-filter-bar',
  template: `
    @let f = current();
    <details class="filters">
      <summary>Filter and sort</summary>
      <div class="field query">
        <label for="filter-query">Filter</label>
        <input
          id="filter-query"
          type="search"
          placeholder="today & p1 | overdue"
          spellcheck="false"
          [value]="draft()"
          [attr.aria-invalid]="check().error ? 'true' : null"
          aria-describedby="filter-query-help"
          (input)="draft.set($any($event.target).value)"
          (change)="submitQuery()"
        />
        @if (draft()) {
          <code class="highlight" aria-hidden="true">
            @for (seg of check().segments; track $index) {
              <span [class]="seg.kind + (seg.term ? ' term-' + seg.term : '')">{{ seg.text }}</span>
            }
          </code>
        }
        <small id="filter-query-help" [class.error]="check().error" role="status">{{
          check().error ??
            'Todoist-style: today, overdue, 7 days, p1, @label, search: text, due before: next friday; & | ! ( )'
        }}</small>
      </div>
      <div class="grid">
        <div class="field">
          <label for="filter-q">Search</label>
          <input id="filter-q" type="search" [value]="f.q" (change)="set('q', $any($event.target).value)" />
        </div>
        <div class="field">
          <label for="filter-priority">Priority</label>
          <select
            id="filter-priority"
            [value]="f.priority"
            (change)="set('priority', $any($event.target).value)"
          >
            <option value="">Any</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
            <option value="none">None</option>
          </select>
        </div>
        <div class="field">
          <label for="filter-tag">Tag</label>
          <input
            id="filter-tag"
            type="text"
            [value]="f.tag"
            placeholder="home"
            (change)="set('tag', $any($event.target).value)"
          />
        </div>
        <div class="field">
          <label for="filter-due-from">Due from</label>
          <input
            id="filter-due-from"
            type="date"
            [value]="f.dueFrom"
            (change)="set('dueFrom', $any($event.target).value)"
          />
        </div>
        <div class="field">
          <label for="filter-due-to">Due to</label>
          <input
            id="filter-due-to"
            type="date"
            [value]="f.dueTo"
            (change)="set('dueTo', $any($event.target).value)"
          />
        </div>
        <div class="field">
          <label for="filter-sort">Sort by</label>
          <select id="filter-sort" [value]="f.sort" (change)="set('sort', $any($event.target).value)">
            <option value="due">Due date</option>
            <option value="priority">Priority</option>
            <option value="created">Created</option>
            <option value="updated">Updated</option>
          </select>
        </div>
        <div class="field">
          <label for="filter-order">Order</label>
          <select id="filter-order" [value]="f.order" (change)="set('order', $any($event.target).value)">
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
        <button type="button" (click)="clear()">Clear filters</button>
      </div>
    </details>
  `,
  styles: `
    .filters {
      margin: 0.25rem 0 0.5rem;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      padding: 0.25rem 0;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
      gap: 0.5rem;
      align-items: end;
    }
    .field {
      display: grid;
      gap: 0.2rem;
      font-size: 0.85rem;
    }
    .query {
      margin-bottom: 0.5rem;
    }
    .highlight {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .highlight .term {
      font-weight: 600;
    }
    .highlight .error {
      text-decoration: wavy underline red;
      background: #fdd;
    }
    small.error {
      color: #b00020;
    }
    @media (max-width: 480px) {
      summary {
        padding: 0.6rem 0;
      }
      .grid {
        grid-template-columns: 1fr 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilterBar {
  readonly filters = input.required<TaskFilters>();
  readonly changed = output<TaskFilters>();
  /**
   * The filters as last changed here. The parent's copy comes back through `filters` only
   * at the next change detection; a second change made before that (clear, then type a
   * search) must build on the first, not on the stale input.
   */
  protected readonly current = linkedSignal(() => this.filters());
  /** What is typed in the filter box; sent only once it parses. */
  protected readonly draft = linkedSignal(() => this.filters().filter);
  protected readonly check = computed(() => filterSegments(this.draft()));

  protected submitQuery(): void {
    if (this.check().error === null) this.set('filter', this.draft().trim());
  }

  protected set<K extends keyof TaskFilters>(key: K, value: TaskFilters[K]): void {
    this.emit({ ...this.current(), [key]: value });
  }

  protected clear(): void {
    this.emit(EMPTY_FILTERS);
  }

  private emit(next: TaskFilters): void {
    this.current.set(next);
    this.changed.emit(next);
  }
}
