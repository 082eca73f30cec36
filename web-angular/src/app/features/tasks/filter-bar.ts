import { ChangeDetectionStrategy, Component, input, linkedSignal, output } from '@angular/core';
import { EMPTY_FILTERS, type TaskFilters } from './task-views';

/** Priority, tag, search and due range filters plus the sort; every control labelled. */
@Component({
  selector: 'app-filter-bar',
  template: `
    @let f = current();
    <details class="filters">
      <summary>Filter and sort</summary>
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
