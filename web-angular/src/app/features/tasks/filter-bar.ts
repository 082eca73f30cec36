import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { EMPTY_FILTERS, type TaskFilters } from './task-views';

/** Priority, tag, search and due range filters plus the sort; every control labelled. */
@Component({
  selector: 'app-filter-bar',
  template: `
    @let f = filters();
    <details class="filters" [open]="false">
      <summary>Filter and sort</summary>
      <div class="grid">
        <label
          >Search
          <input type="search" [value]="f.q" (change)="set('q', $any($event.target).value)" />
        </label>
        <label
          >Priority
          <select [value]="f.priority" (change)="set('priority', $any($event.target).value)">
            <option value="">Any</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
            <option value="none">None</option>
          </select>
        </label>
        <label
          >Tag
          <input
            type="text"
            [value]="f.tag"
            placeholder="home"
            (change)="set('tag', $any($event.target).value)"
          />
        </label>
        <label
          >Due from
          <input type="date" [value]="f.dueFrom" (change)="set('dueFrom', $any($event.target).value)" />
        </label>
        <label
          >Due to
          <input type="date" [value]="f.dueTo" (change)="set('dueTo', $any($event.target).value)" />
        </label>
        <label
          >Sort by
          <select [value]="f.sort" (change)="set('sort', $any($event.target).value)">
            <option value="due">Due date</option>
            <option value="priority">Priority</option>
            <option value="created">Created</option>
            <option value="updated">Updated</option>
          </select>
        </label>
        <label
          >Order
          <select [value]="f.order" (change)="set('order', $any($event.target).value)">
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </label>
        <button type="button" (click)="changed.emit(empty)">Clear filters</button>
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
    label {
      display: grid;
      gap: 0.2rem;
      font-size: 0.85rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilterBar {
  readonly filters = input.required<TaskFilters>();
  readonly changed = output<TaskFilters>();
  protected readonly empty = EMPTY_FILTERS;

  protected set<K extends keyof TaskFilters>(key: K, value: TaskFilters[K]): void {
    this.changed.emit({ ...this.filters(), [key]: value });
  }
}
