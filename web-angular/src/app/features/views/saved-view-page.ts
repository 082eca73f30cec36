import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import { VIEW_NAME_MAX } from '@todo/contracts';
import { toUiError } from '../../core/api/problem';
import { TaskListPage } from '../tasks/task-list-page';
import { SavedViewsStore } from './saved-views-store';
import { hasSeveralLists } from './view-filter';

/** One saved view: its tasks (the task list with the view's filter) and its tools. */
@Component({
  selector: 'app-saved-view-page',
  imports: [TaskListPage],
  template: `
    @if (view(); as v) {
      <app-task-list-page view="all" [heading]="v.name" [baseFilter]="v.filter">
        <div class="tools">
          <code class="filter" title="The view's filter">{{ v.filter }}</code>
          @if (severalLists()) {
            <small>This view has several lists (“,”): the first is shown here.</small>
          }
          @if (renaming()) {
            <form class="rename" (submit)="$event.preventDefault(); rename()">
              <label for="rename-view">New name</label>
              <input
                id="rename-view"
                type="text"
                [attr.maxlength]="maxName"
                [value]="newName()"
                (input)="newName.set($any($event.target).value)"
              />
              <button type="submit" [disabled]="!newName().trim()">Save name</button>
              <button type="button" (click)="renaming.set(false)">Cancel</button>
            </form>
          } @else {
            <button type="button" (click)="startRename()">Rename</button>
            <button type="button" [disabled]="first()" (click)="move(-1)">Move up</button>
            <button type="button" [disabled]="last()" (click)="move(1)">Move down</button>
            <button type="button" (click)="remove()">Delete view</button>
          }
          @if (error(); as message) {
            <small class="error" role="alert">{{ message }}</small>
          }
        </div>
      </app-task-list-page>
    } @else if (store.loaded()) {
      <p class="gone">This view does not exist (any more).</p>
    }
  `,
  styles: `
    :host {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
      margin-bottom: 0.25rem;
    }
    .filter {
      overflow-wrap: anywhere;
      background: #f1f5f9;
      padding: 0.1rem 0.35rem;
      border-radius: 4px;
    }
    .rename {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
    .error {
      color: #b00020;
      flex-basis: 100%;
    }
    @media (max-width: 480px) {
      button,
      input {
        min-height: 44px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SavedViewPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  protected readonly store = inject(SavedViewsStore);
  private readonly router = inject(Router);
  protected readonly maxName = VIEW_NAME_MAX;
  protected readonly view = computed(() => this.store.views().find((v) => v.id === this.id()));
  private readonly index = computed(() => this.store.views().findIndex((v) => v.id === this.id()));
  protected readonly first = computed(() => this.index() <= 0);
  protected readonly last = computed(() => this.index() === this.store.views().length - 1);
  protected readonly severalLists = computed(() => hasSeveralLists(this.view()?.filter ?? ''));
  protected readonly renaming = signal(false);
  protected readonly newName = signal('');
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    if (!this.store.loaded()) void this.store.refresh();
  }

  protected startRename(): void {
    this.newName.set(this.view()?.name ?? '');
    this.renaming.set(true);
  }

  protected rename(): Promise<void> {
    return this.act(async (view) => {
      await this.store.rename(view, this.newName().trim());
      this.renaming.set(false);
    });
  }

  protected move(by: -1 | 1): Promise<void> {
    return this.act((view) => this.store.move(view, by));
  }

  protected remove(): Promise<void> {
    return this.act(async (view) => {
      await this.store.remove(view);
      await this.router.navigateByUrl('/tasks/today');
    });
  }

  private async act(run: (view: NonNullable<ReturnType<typeof this.view>>) => Promise<void>): Promise<void> {
    const view = this.view();
    if (!view) return;
    this.error.set(null);
    try {
      await run(view);
    } catch (error) {
      const problem = toUiError(error);
      // 412: changed in another tab meanwhile; the list reloads, and the user sees why.
      if (problem.status === 412) void this.store.refresh();
      this.error.set(problem.fields['name'] ?? problem.message);
    }
  }
}
