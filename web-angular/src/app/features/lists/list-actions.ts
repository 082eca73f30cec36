import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { ListView } from '@todo/contracts';
import { toUiError } from '../../core/api/problem';
import { ListStore } from './list-store';

/** Rename, archive (or unarchive) and delete the list on screen. */
@Component({
  selector: 'app-list-actions',
  template: `
    <div class="actions">
      @if (renaming()) {
        <form (submit)="rename($event)">
          <label for="list-name" class="sr-only">List name</label>
          <input
            id="list-name"
            maxlength="100"
            [value]="list().name"
            (input)="draft.set($any($event.target).value)"
          />
          <button type="submit">Save</button>
          <button type="button" (click)="renaming.set(false)">Cancel</button>
        </form>
      } @else {
        <button type="button" (click)="startRename()">Rename</button>
        <button type="button" (click)="toggleArchived()">
          {{ list().archived ? 'Unarchive' : 'Archive' }}
        </button>
        <button type="button" (click)="remove('inbox')">Delete (tasks to Inbox)</button>
        <button type="button" (click)="remove('delete')">Delete with tasks</button>
      }
    </div>
    @if (error(); as message) {
      <p class="form-error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    .actions,
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      margin: 0.25rem 0;
    }
    button,
    input {
      min-height: 44px;
    }
    input {
      min-width: 0;
      flex: 1 1 10rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListActions {
  readonly list = input.required<ListView>();
  private readonly store = inject(ListStore);
  private readonly router = inject(Router);
  protected readonly renaming = signal(false);
  protected readonly draft = signal('');
  protected readonly error = signal<string | null>(null);

  protected startRename(): void {
    this.draft.set(this.list().name);
    this.renaming.set(true);
  }

  protected async rename(event: Event): Promise<void> {
    event.preventDefault();
    await this.run(() => this.store.update(this.list().id, { name: this.draft().trim() }));
    this.renaming.set(false);
  }

  protected toggleArchived(): Promise<void> {
    return this.run(() => this.store.update(this.list().id, { archived: !this.list().archived }));
  }

  protected async remove(tasks: 'inbox' | 'delete'): Promise<void> {
    const what = tasks === 'delete' ? 'and its tasks' : '(its tasks move to the Inbox)';
    if (!confirm(`Delete “${this.list().name}” ${what}?`)) return;
    await this.run(async () => {
      await this.store.delete(this.list().id, tasks);
      await this.router.navigateByUrl('/lists/inbox');
    });
  }

  private async run(write: () => Promise<void>): Promise<void> {
    try {
      await write();
      this.error.set(null);
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }
}
