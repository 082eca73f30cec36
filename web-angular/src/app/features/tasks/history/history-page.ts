import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { HistoryEntry, TaskView } from '@todo/contracts';
import { toUiError } from '../../../core/api/problem';
import { TasksApi } from '../../../core/api/tasks-api';
import { TIME_ZONE } from '../../../core/time/clock';
import { describeHistoryEntry } from './history-words';

/** The task's audit trail as a timeline, oldest first, straight from the event log. */
@Component({
  selector: 'app-history-page',
  imports: [RouterLink],
  template: `
    <section class="history" aria-labelledby="history-title">
      <h1 id="history-title">History{{ task() ? ' of “' + task()!.title + '”' : '' }}</h1>
      <a [routerLink]="['/task', id()]">Back to the task</a>
      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      <ol class="timeline">
        @for (entry of entries(); track entry.id) {
          <li>
            <time [attr.datetime]="entry.time">{{ format(entry.time) }}</time>
            <span class="what">{{ describe(entry) }}</span>
            <span class="version">v{{ entry.version }}</span>
          </li>
        }
      </ol>
    </section>
  `,
  styles: `
    :host {
      display: block;
      overflow-y: auto;
    }
    .timeline {
      list-style: none;
      padding: 0 0 0 1rem;
      border-left: 3px solid #94a3b8;
      margin: 1rem 0;
    }
    .timeline li {
      position: relative;
      padding: 0.4rem 0 0.4rem 0.75rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
    }
    .timeline li::before {
      content: '';
      position: absolute;
      left: -1.45rem;
      top: 0.75rem;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: #2563eb;
    }
    time {
      color: #475569;
      font-size: 0.9rem;
      min-width: 11rem;
    }
    .what {
      font-weight: 500;
    }
    .version {
      color: #475569;
      font-size: 0.8rem;
    }
    @media (max-width: 480px) {
      .timeline {
        padding-left: 0.75rem;
      }
      time {
        min-width: 0;
        flex-basis: 100%;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage {
  private readonly api = inject(TasksApi);
  readonly id = input.required<string>();
  protected readonly entries = signal<HistoryEntry[]>([]);
  protected readonly task = signal<TaskView | null>(null);
  protected readonly error = signal<string | null>(null);
  // The user's zone, not the engine's default, so a spec that pins the zone pins the text.
  private readonly formatter = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: inject(TIME_ZONE).current(),
  });

  constructor() {
    effect(() => void this.load(this.id()));
  }

  protected format(time: string): string {
    return this.formatter.format(new Date(time));
  }

  protected describe(entry: HistoryEntry): string {
    return describeHistoryEntry(entry, (iso) => this.format(iso));
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const [entries, task] = await Promise.all([this.api.history(id), this.api.get(id).catch(() => null)]);
      this.entries.set(entries);
      this.task.set(task);
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }
}
