import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  type OnDestroy,
  signal,
  viewChild,
} from '@angular/core';
import { createBodyFromParse, type ParseResult } from '@todo/contracts';
import { NlApi } from '../../../core/api/nl-api';
import { toUiError } from '../../../core/api/problem';
import { TasksApi } from '../../../core/api/tasks-api';
import { CLOCK, TIME_ZONE } from '../../../core/time/clock';
import { ToastService } from '../../notifications/toast-service';
import { TaskListStore } from '../task-list-store';
import { chipsOf } from './chips';
import { segmentsOf } from './highlight';

export const PARSE_DEBOUNCE_MS = 200;

/**
 * "Add task": as the user types, the text is parsed (debounced) and what was understood is
 * highlighted and shown as chips; Enter creates the task from that reading.
 */
@Component({
  selector: 'app-quick-add',
  template: `
    <form class="quick-add" (submit)="submit($event)" aria-label="Quick add">
      <label for="quick-add-input">Add task</label>
      <div class="row">
        <input
          #box
          id="quick-add-input"
          type="text"
          autocomplete="off"
          maxlength="2000"
          placeholder="e.g. Pay rent every month on the 1st p1 #home   (press q)"
          aria-describedby="quick-add-preview"
          [value]="text()"
          (input)="onInput($event)"
          (keydown.escape)="clear()"
        />
        <button type="submit" class="primary" [disabled]="busy() || !text().trim()">Add</button>
      </div>
      <div id="quick-add-preview" class="preview" aria-live="polite">
        @if (parsed(); as result) {
          @if (chips().length > 0) {
            <p class="understood" data-testid="quick-add-highlight">
              <span class="sr-only">Understood: </span>
              @for (segment of segments(); track $index) {
                @if (segment.field) {
                  <mark [class]="'hl hl-' + segment.field">{{ segment.text }}</mark>
                } @else {
                  <span>{{ segment.text }}</span>
                }
              }
            </p>
            <ul class="chips" aria-label="What will be saved">
              <li class="chip chip-title">{{ result.task?.title || text() }}</li>
              @for (chip of chips(); track $index) {
                <li [class]="'chip chip-' + chip.field">{{ chip.label }}</li>
              }
            </ul>
          }
        }
        @if (error(); as message) {
          <p class="field-error" role="alert">{{ message }}</p>
        }
      </div>
    </form>
  `,
  styles: `
    .quick-add {
      display: grid;
      gap: 0.25rem;
      margin-bottom: 0.5rem;
    }
    .quick-add label {
      font-weight: 600;
    }
    .row {
      display: flex;
      gap: 0.5rem;
    }
    .row input {
      flex: 1;
      min-width: 0;
    }
    .understood {
      margin: 0.25rem 0 0;
      white-space: pre-wrap;
      color: #334155;
    }
    .preview:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuickAdd implements OnDestroy {
  private readonly nl = inject(NlApi);
  private readonly tasks = inject(TasksApi);
  private readonly store = inject(TaskListStore);
  private readonly toasts = inject(ToastService);
  private readonly clock = inject(CLOCK);
  private readonly zone = inject(TIME_ZONE);
  private readonly box = viewChild.required<ElementRef<HTMLInputElement>>('box');

  protected readonly text = signal('');
  protected readonly parsed = signal<ParseResult | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly segments = computed(() => {
    const result = this.parsed();
    return result ? segmentsOf(this.text(), result.spans) : [];
  });
  protected readonly chips = computed(() => {
    const result = this.parsed();
    return result ? chipsOf(result, this.clock.now()) : [];
  });

  private timer: ReturnType<typeof setTimeout> | null = null;
  private parseSeq = 0;

  focus(): void {
    this.box().nativeElement.focus();
  }

  ngOnDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  protected onInput(event: Event): void {
    this.text.set((event.target as HTMLInputElement).value);
    this.error.set(null);
    if (this.timer) clearTimeout(this.timer);
    const text = this.text();
    if (!text.trim()) {
      this.parsed.set(null);
      return;
    }
    this.timer = setTimeout(() => void this.parse(text), PARSE_DEBOUNCE_MS);
  }

  protected clear(): void {
    this.text.set('');
    this.parsed.set(null);
    this.error.set(null);
  }

  /** Parses `text`; a stale answer (the user typed on) is thrown away. */
  private async parse(text: string): Promise<ParseResult | null> {
    const seq = ++this.parseSeq;
    try {
      const result = await this.nl.parse({ text, timezone: this.zone.current() });
      if (seq === this.parseSeq && text === this.text()) this.parsed.set(result);
      return result;
    } catch {
      // Without the engine the box still works: the whole text becomes the title.
      if (seq === this.parseSeq) this.parsed.set(null);
      return null;
    }
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.text().trim();
    if (!text || this.busy()) return;
    this.busy.set(true);
    if (this.timer) clearTimeout(this.timer);
    try {
      const current = this.parsed();
      const result = current && current.text === this.text() ? current : await this.parse(this.text());
      const { id } = await this.tasks.create(createBodyFromParse(text, result, this.zone.current()));
      this.clear();
      const task = await this.store.refresh(id);
      this.toasts.show(`Added “${task?.title ?? text}”`);
    } catch (error) {
      this.error.set(toUiError(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
