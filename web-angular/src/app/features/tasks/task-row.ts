import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TaskView } from '@todo/contracts';
import { CLOCK } from '../../core/time/clock';
import { describeDue } from '../../core/time/zoned-time';
import { ruleLabel } from '@todo/contracts';
import { ListStore } from '../lists/list-store';

/** One task in the list: its check box, title, chips and row actions, all named for screen readers. */
@Component({
  selector: 'app-task-row',
  imports: [RouterLink],
  template: `
    @let t = task();
    <div class="task-row" [class.done]="t.status === 'completed'">
      <!-- The label is the 44 px touch target; the box inside keeps its usual size. -->
      <label class="check">
        <input
          type="checkbox"
          [checked]="t.status === 'completed'"
          [attr.aria-label]="(t.status === 'completed' ? 'Reopen ' : 'Complete ') + t.title"
          (change)="toggled.emit(t)"
        />
      </label>
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
          @if (list(); as l) {
            <span class="chip chip-list" [style.border-left-color]="l.colour">#{{ l.name }}</span>
          }
          @for (tag of t.tags; track tag) {
            <span class="chip chip-tags">&#64;{{ tag }}</span>
          }
          @if (t.reminders.length > 0) {
            <span class="chip chip-reminders"
              >{{ t.reminders.length }} reminder{{ t.reminders.length > 1 ? 's' : '' }}</span
            >
          }
        </div>
      </div>
      <div class="actions">
        <a
          class="row-action"
          [routerLink]="['/task', t.id, 'history']"
          [attr.aria-label]="'History of ' + t.title"
          title="History"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4" />
          </svg>
          <span class="label">History</span>
        </a>
        <button
          type="button"
          class="row-action danger"
          [attr.aria-label]="'Delete ' + t.title"
          title="Delete"
          (click)="deleted.emit(t)"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" /></svg>
          <span class="label">Delete</span>
        </button>
      </div>
    </div>
  `,
  styles: `
    /* Wide: one line per row (title, then chips, clipped at the row's end). Phone-narrow: the
       title wraps to two lines and the chips wrap to three, inside the row's fixed height
       (ROW_HEIGHT_NARROW_PX, the virtual scroll's item size), so nothing reaches the next row. */
    .task-row {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      height: 100%;
      padding: 0 0.25rem;
      border-bottom: 1px solid #e2e8f0;
      box-sizing: border-box;
      overflow: hidden;
    }
    .check {
      flex: none;
      display: grid;
      place-items: center;
      width: 44px;
      height: 44px;
      cursor: pointer;
    }
    .check input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
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
      margin-top: 0.15rem;
    }
    .chip {
      flex: none;
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .overdue {
      color: #b91c1c;
      font-weight: 600;
    }
    .actions {
      flex: none;
      display: flex;
      gap: 0.25rem;
    }
    .row-action {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.3rem;
      min-width: 44px;
      height: 44px;
      padding: 0 0.5rem;
      font-size: 0.85rem;
      border: 1px solid transparent;
      border-radius: 6px;
      background: none;
    }
    .row-action:hover {
      background: #f1f5f9;
    }
    .row-action svg {
      width: 1.15rem;
      height: 1.15rem;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .danger {
      color: #b91c1c;
    }
    @media (max-width: 480px) {
      .task-row {
        align-items: flex-start;
        padding: 0.35rem 0.125rem;
        gap: 0.25rem;
      }
      .title {
        white-space: normal;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        line-clamp: 2;
        line-height: 1.3;
      }
      .chips {
        flex-wrap: wrap;
        white-space: normal;
        /* Three lines of chips at most, inside the row. */
        max-height: 4.3rem;
      }
      .actions {
        flex-direction: column;
      }
      .row-action {
        width: 44px;
        padding: 0;
      }
      .row-action .label {
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
  private readonly lists = inject(ListStore);

  /** The task's list (none for the Inbox, or while the lists are still loading). */
  protected readonly list = computed(() => this.lists.lookup(this.task().listId));

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
