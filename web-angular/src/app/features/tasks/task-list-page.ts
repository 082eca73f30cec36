import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { TaskView } from '@todo/contracts';
import { NarrowScreen } from '../../core/layout/narrow-screen';
import { CLOCK, TIME_ZONE } from '../../core/time/clock';
import { SaveAsView } from '../views/save-as-view';
import { effectiveFilter } from '../views/view-filter';
import { FilterBar } from './filter-bar';
import { TaskActions } from './task-actions';
import { TaskListStore } from './task-list-store';
import { TaskRow } from './task-row';
import { ListActions } from '../lists/list-actions';
import { ListStore } from '../lists/list-store';
import { EMPTY_FILTERS, isTaskViewName, queryFor, type TaskFilters, VIEW_LABELS } from './task-views';

/** A row's height (the virtual scroll's fixed item size): one line of title and chips. */
export const ROW_HEIGHT_PX = 60;
/** On a phone: two lines of title and three of chips beside 44 px targets (task-row.ts). */
export const ROW_HEIGHT_NARROW_PX = 132;

/** A view of the task list (Today, Upcoming, All, Completed) with filters and virtual scroll. */
@Component({
  selector: 'app-task-list-page',
  imports: [ScrollingModule, TaskRow, FilterBar, SaveAsView, ListActions],
  template: `
    <section class="list-page" [attr.aria-labelledby]="'view-title'">
      <h1 id="view-title">{{ title() }}</h1>
      @if (shownList(); as list) {
        <app-list-actions [list]="list" />
      }
      <!-- A saved view's own tools (rename, move, delete) go here. -->
      <ng-content />
      <app-filter-bar [filters]="filters()" (changed)="filters.set($event)" />
      @if (filters().filter) {
        <app-save-as-view [filter]="listFilter()" />
      }
      @if (store.error(); as message) {
        <p class="form-error" role="alert">
          {{ message }} <button type="button" (click)="store.reload()">Retry</button>
        </p>
      }
      <p class="sr-only" aria-live="polite">{{ countText() }}</p>
      @if (store.loaded() && store.items().length === 0) {
        <p class="empty">Nothing here. Add a task above.</p>
      }
      <cdk-virtual-scroll-viewport
        class="viewport"
        [itemSize]="rowHeight()"
        minBufferPx="400"
        maxBufferPx="900"
        (scrolledIndexChange)="onScrolled($event)"
        role="list"
        aria-label="Tasks"
        [attr.aria-busy]="store.loading()"
      >
        <div
          *cdkVirtualFor="let task of store.items(); trackBy: trackById"
          class="row"
          role="listitem"
          [style.height.px]="rowHeight()"
        >
          <app-task-row [task]="task" (toggled)="toggle($event)" (deleted)="actions.delete($event)" />
        </div>
      </cdk-virtual-scroll-viewport>
    </section>
  `,
  styles: `
    :host {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .list-page {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    h1 {
      font-size: 1.3rem;
      margin: 0.25rem 0;
    }
    .viewport {
      flex: 1;
      min-height: 240px;
    }
    .empty {
      color: #475569;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskListPage {
  protected readonly store = inject(TaskListStore);
  protected readonly actions = inject(TaskActions);
  private readonly clock = inject(CLOCK);
  private readonly zone = inject(TIME_ZONE);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);

  /** Route parameter. */
  readonly view = input<string>('today');
  /** A saved view's name and filter: the list is then that filter over every task. */
  readonly heading = input<string | undefined>(undefined);
  readonly baseFilter = input<string | undefined>(undefined);
  /** Route parameter of `/lists/:list`: a list's id, or `inbox`. */
  readonly list = input<string | undefined>(undefined);
  private readonly lists = inject(ListStore);
  protected readonly shownList = computed(() => {
    const id = this.list();
    return id && id !== 'inbox' ? this.lists.lookup(id) : undefined;
  });
  protected readonly filters = signal<TaskFilters>(EMPTY_FILTERS);
  private readonly screen = inject(NarrowScreen);
  protected readonly rowHeight = computed(() =>
    this.screen.narrow() ? ROW_HEIGHT_NARROW_PX : ROW_HEIGHT_PX,
  );
  private readonly viewName = computed(() => {
    const v = this.view();
    return isTaskViewName(v) ? v : 'today';
  });
  protected readonly title = computed(() => {
    const heading = this.heading();
    if (heading !== undefined) return heading;
    const id = this.list();
    if (id === 'inbox') return 'Inbox';
    if (id) return this.shownList()?.name ?? 'List';
    return VIEW_LABELS[this.viewName()];
  });
  /** The filter the list asks for: the box's, narrowed to a saved view's when on one. */
  protected readonly listFilter = computed(() => {
    const base = this.baseFilter();
    return base === undefined ? this.filters().filter : effectiveFilter(base, this.filters().filter);
  });
  protected readonly countText = computed(() =>
    this.store.loaded() ? `${this.store.items().length}${this.store.nextCursor() ? '+' : ''} tasks` : '',
  );

  constructor() {
    effect(() => {
      const list = this.list();
      const saved = this.baseFilter() !== undefined;
      const filters = { ...this.filters(), filter: this.listFilter() };
      // A saved view is its filter over every task; a list shows its open tasks, in the same
      // order and with the same filters as a view.
      const view = saved || list ? 'all' : this.viewName();
      const query = queryFor(view, filters, this.clock.now(), this.zone.current());
      void this.store.load(list ? { ...query, status: 'open', list } : query);
    });
  }

  protected trackById = (_: number, task: TaskView) => task.id;

  protected toggle(task: TaskView): void {
    void (task.status === 'completed' ? this.actions.reopen(task) : this.actions.complete(task));
  }

  /** Loads the next page when the user gets near the end of what is loaded. */
  protected onScrolled(firstVisible: number): void {
    const viewport = this.viewport();
    const visibleRows = viewport ? Math.ceil(viewport.getViewportSize() / this.rowHeight()) : 20;
    if (firstVisible + visibleRows * 2 >= this.store.items().length) void this.store.loadMore();
  }
}
