import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { VIEW_NAME_MAX } from '@todo/contracts';
import { toUiError } from '../../core/api/problem';
import { SavedViewsStore } from './saved-views-store';

/** "Save as view" for the filter in the filter box: asks for a name, saves, opens the view. */
@Component({
  selector: 'app-save-as-view',
  template: `
    @if (!naming()) {
      <button type="button" class="save" (click)="start()">Save as view</button>
    } @else {
      <form class="naming" (submit)="$event.preventDefault(); save()">
        <label for="save-view-name">View name</label>
        <input
          id="save-view-name"
          type="text"
          required
          [attr.maxlength]="maxName"
          [value]="name()"
          (input)="name.set($any($event.target).value)"
          [attr.aria-invalid]="error() ? 'true' : null"
          aria-describedby="save-view-error"
        />
        <button type="submit" [disabled]="saving() || !name().trim()">Save view</button>
        <button type="button" (click)="cancel()">Cancel</button>
        @if (error(); as message) {
          <small id="save-view-error" class="error" role="alert">{{ message }}</small>
        }
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 0 0 0.5rem;
    }
    .naming {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
    .naming input {
      flex: 1 1 10rem;
      min-width: 0;
    }
    .error {
      flex-basis: 100%;
      color: #b00020;
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
export class SaveAsView {
  /** The filter to save: the one the list shows (it parsed, or it would not have been sent). */
  readonly filter = input.required<string>();
  private readonly store = inject(SavedViewsStore);
  private readonly router = inject(Router);
  protected readonly maxName = VIEW_NAME_MAX;
  protected readonly naming = signal(false);
  protected readonly name = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected start(): void {
    this.name.set('');
    this.error.set(null);
    this.naming.set(true);
  }

  protected cancel(): void {
    this.naming.set(false);
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      const id = await this.store.create(this.name().trim(), this.filter());
      this.naming.set(false);
      await this.router.navigate(['/views', id]);
    } catch (error) {
      const problem = toUiError(error);
      this.error.set(problem.fields['name'] ?? problem.fields['filter'] ?? problem.message);
    } finally {
      this.saving.set(false);
    }
  }
}
