import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TaskView } from '@todo/contracts';
import { CLOCK } from '../../core/time/clock';
import { describeDue } from '../../core/time/zoned-time';
import { ruleLabel } from '@todo/contracts';

/** One task in the list: its check box, title, chips and row actions, all named for screen readers. */
@Component({
  selector: 'app-task-row',
  imports: [RouterLink],
  template: `
    @let t = task();
    <div class="task-row" [class.done]="t.status === 'completed'">
      <input
        type="checkbox"
        [checked]="t.status === 'completed'"
        [attr.aria-label]="(t.status === 'completed' ? 'Reopen ' : 'Complete ') + t.title"
        (change)="toggled.emit(t)"
      />
      <div class="main">
        <a class="title" [routerLink]="['/task', t.id]">{{ t.title }}</a>
        <div class="chips">
          @if (due(); as d) {
            <span class="chip chip-dueAt" [class.overdue]="overdue()">{{ d }}</span>
          }
          @if (t.recurrence; as r) {
            <span class="chip chip-recurrence">{{ repeat() }}</span>
          }
          @if (t.priority !== 'none') {
            <span class="chip chip-priority" [class]="'chip chip-priority p-' + t.priority">{{
              t.priority
            }}</span>
          }
          @for (tag of t.tags; track tag) {
            <span class="chip chip-tags">#{{ tag }}</span>
          }
          @if (t.reminders.length > 0) {
            <span class="chip chip-reminders"
              >{{ t.reminders.length }} reminder{{ t.reminders.length > 1 ? 's' : '' }}</span
            >
          }
        </div>
      </div>
      <a
        class="icon-link"
        [routerLink]="['/task', t.id, 'history']"
        [attr.aria-label]="'History of ' + t.title"
        >History</a
      >
      <button
        type="button"
        class="icon danger"
        [attr.aria-label]="'Delete ' + t.title"
        (click)="deleted.emit(t)"
      >
        Delete
      </button>
    </div>
  `,
  styles: `
    .task-row {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      height: 100%;
      padding: 0 0.25rem;
      border-bottom: 1px solid #e2e8f0;
      box-sizing: border-box;
    }
    .task-row input[type='checkbox'] {
      width: 1.25rem;
      height: 1.25rem;
      flex: none;
    }
    .main {
      flex: 1;
      min-width: 0;
    }
    .title {
      display: block;
      color: inherit;
      text-decoration: none;
      font-weight: 500;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .title:hover,
    .title:focus {
      text-decoration: underline;
    }
    .done .title {
      text-decoration: line-through;
      color: #64748b;
    }
    .chips {
      display: flex;
      gap: 0.25rem;
      overflow: hidden;
      white-space: nowrap;
    }
    .overdue {
      color: #b91c1c;
      font-weight: 600;
    }
    .icon-link {
      font-size: 0.85rem;
    }
    .danger {
      color: #b91c1c;
    }
    @media (max-width: 480px) {
      .icon-link {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskRow {
  readonly task = input.required<TaskView>();
  readonly toggled = output<TaskView>();
  readonly deleted = output<TaskView>();
  private readonly clock = inject(CLOCK);

  protected readonly due = computed(() => {
    const t = this.task();
    return t.dueAt ? describeDue(t.dueAt, t.allDay, t.timezone, this.clock.now()) : null;
  });
  protected readonly overdue = computed(() => {
    const t = this.task();
    return t.status === 'open' && t.dueAt !== null && Date.parse(t.dueAt) < this.clock.now();
  });
  protected readonly repeat = computed(() => {
    const r = this.task().recurrence;
    return r ? ruleLabel(r.rrule, { anchor: r.anchor, timezone: this.task().timezone }) : '';
  });
}
