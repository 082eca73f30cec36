import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  model,
  signal,
  untracked,
} from '@angular/core';
// Values from contracts' RRULE module only (zod-free; contracts is `sideEffects: false`, so
// the bundle keeps just what is used and no zod enters it).
import {
  DAY_NAMES,
  MONTH_NAMES,
  occurrenceProblem,
  ruleLabel,
  WEEKDAY_CODES,
  type Recurrence,
  type RecurrenceAnchor,
  type WeekdayCode,
} from '@todo/contracts';
import {
  buildRrule,
  defaultRecurrenceForm,
  parseRecurrenceForm,
  type RecurrenceForm,
} from './recurrence-rule';

/** Builds a recurrence from plain controls and says the rule in words as it changes. */
@Component({
  selector: 'app-recurrence-builder',
  template: `
    <fieldset class="recurrence">
      <legend>Repeat</legend>
      <label
        >Repeats
        <select
          [value]="repeats() ? form().frequency : 'NEVER'"
          (change)="setFrequency($any($event.target).value)"
        >
          <option value="NEVER">Never</option>
          <option value="DAILY">Daily</option>
          <option value="WEEKLY">Weekly</option>
          <option value="MONTHLY">Monthly</option>
          <option value="YEARLY">Yearly</option>
        </select>
      </label>
      @if (repeats()) {
        @let f = form();
        @if (!editable()) {
          <p class="hint">
            This rule was made elsewhere ({{ value()?.rrule }}); choosing options here replaces it.
          </p>
        }
        <label
          >Every
          <input
            type="number"
            min="1"
            max="999"
            [value]="f.interval"
            (change)="patch({ interval: num($event, 1) })"
          />
          <span>{{ unit() }}</span>
        </label>
        @if (f.frequency === 'WEEKLY') {
          <fieldset class="days">
            <legend>On days</legend>
            @for (day of days; track day) {
              <label class="day"
                ><input
                  type="checkbox"
                  [attr.aria-label]="dayLabels[day]"
                  [checked]="f.weekdays.includes(day)"
                  (change)="toggleDay(day)"
                /><span aria-hidden="true">{{ dayLabels[day].slice(0, 3) }}</span></label
              >
            }
          </fieldset>
        }
        @if (f.frequency === 'MONTHLY') {
          <label
            >Monthly on
            <select [value]="f.monthlyMode" (change)="patch({ monthlyMode: $any($event.target).value })">
              <option value="day">a day of the month</option>
              <option value="weekday">a weekday of the month</option>
            </select>
          </label>
          @if (f.monthlyMode === 'day') {
            <label
              >Day of month
              <input
                type="number"
                min="1"
                max="31"
                [value]="f.monthDay"
                (change)="patch({ monthDay: num($event, 1) })"
            /></label>
          } @else {
            <label
              >Which
              <select [value]="'' + f.setPos" (change)="patch({ setPos: num($event, 1) })">
                <option value="1">First</option>
                <option value="2">Second</option>
                <option value="3">Third</option>
                <option value="4">Fourth</option>
                <option value="-1">Last</option>
              </select>
            </label>
            <label
              >Weekday
              <select (change)="patch({ setPosDay: $any($event.target).value })">
                @for (day of days; track day) {
                  <option [value]="day" [selected]="day === f.setPosDay">{{ dayLabels[day] }}</option>
                }
              </select>
            </label>
          }
        }
        @if (f.frequency === 'YEARLY') {
          <label
            >Month
            <select (change)="patch({ month: num($event, 1) })">
              @for (m of months; track $index) {
                <option [value]="'' + ($index + 1)" [selected]="$index + 1 === f.month">{{ m }}</option>
              }
            </select>
          </label>
          <label
            >Day
            <input
              type="number"
              min="1"
              max="31"
              [value]="f.monthDay"
              (change)="patch({ monthDay: num($event, 1) })"
          /></label>
        }
        <label
          >Ends
          <select [value]="f.end" (change)="patch({ end: $any($event.target).value })">
            <option value="never">Never</option>
            <option value="until">On a date</option>
            <option value="count">After a number of times</option>
          </select>
        </label>
        @if (f.end === 'until') {
          <label
            >End date
            <input type="date" [value]="f.until" (change)="patch({ until: $any($event.target).value })"
          /></label>
        }
        @if (f.end === 'count') {
          <label
            >Times
            <input
              type="number"
              min="1"
              max="9999"
              [value]="f.count"
              (change)="patch({ count: num($event, 1) })"
          /></label>
        }
        <label
          >Next one counted from
          <select [value]="anchor()" (change)="setAnchor($any($event.target).value)">
            <option value="schedule">the schedule</option>
            <option value="completion">when I complete it</option>
          </select>
        </label>
      }
      <p class="rule-words" aria-live="polite" data-testid="recurrence-words">{{ words() }}</p>
      @if (neverOccurs()) {
        <p class="rule-problem" role="alert" data-testid="recurrence-problem">
          No date matches this rule, so it would never come round: choose another day.
        </p>
      }
    </fieldset>
  `,
  styles: `
    .recurrence {
      display: grid;
      gap: 0.5rem;
    }
    label {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
    input[type='number'] {
      width: 5rem;
    }
    .days {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      border: 0;
      padding: 0;
    }
    .day {
      gap: 0.2rem;
    }
    .rule-words {
      font-weight: 600;
      margin: 0.25rem 0 0;
    }
    .rule-problem {
      color: #b00020;
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecurrenceBuilder {
  /** Two-way: the task's recurrence, null for none. */
  readonly value = model<Recurrence | null>(null);
  /** The task's zone: the end date is the end of that day there, and the words say it so. */
  readonly timezone = input('UTC');

  protected readonly days = WEEKDAY_CODES;
  protected readonly dayLabels = DAY_NAMES;
  protected readonly months = MONTH_NAMES;
  protected readonly form = signal<RecurrenceForm>(defaultRecurrenceForm());
  protected readonly editable = signal(true);
  protected readonly repeats = computed(() => this.value() !== null);
  protected readonly anchor = computed<RecurrenceAnchor>(() => this.value()?.anchor ?? 'schedule');
  protected readonly words = computed(() => {
    const v = this.value();
    return v ? ruleLabel(v.rrule, { anchor: v.anchor, timezone: this.timezone() }) : 'Does not repeat';
  });
  /**
   * The server's own static check (bounded, no expansion), so the builder says at once that
   * e.g. 30 February never comes instead of waiting for the save to be refused.
   */
  protected readonly neverOccurs = computed(() => {
    const v = this.value();
    if (!v) return false;
    try {
      return occurrenceProblem(v.rrule, null) !== null;
    } catch {
      return false;
    }
  });
  protected readonly unit = computed(() => {
    const plural = this.form().interval > 1;
    const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[this.form().frequency];
    return plural ? `${unit}s` : unit;
  });

  constructor() {
    // An incoming rule (a task loaded, a change from elsewhere) sets the controls.
    effect(() => {
      const v = this.value();
      if (!v) return;
      const zone = this.timezone();
      const current = untracked(() => buildRrule(this.form(), zone));
      if (current === v.rrule) return;
      const parsed = parseRecurrenceForm(v.rrule, zone);
      this.editable.set(parsed !== null);
      if (parsed) this.form.set(parsed);
    });
  }

  protected num(event: Event, fallback: number): number {
    const n = Number((event.target as HTMLInputElement).value);
    return Number.isFinite(n) && n !== 0 ? n : fallback;
  }

  protected setFrequency(choice: string): void {
    if (choice === 'NEVER') {
      this.value.set(null);
      return;
    }
    this.patch({ frequency: choice as RecurrenceForm['frequency'] });
  }

  protected toggleDay(day: WeekdayCode): void {
    const days = this.form().weekdays;
    this.patch({ weekdays: days.includes(day) ? days.filter((d) => d !== day) : [...days, day] });
  }

  protected setAnchor(anchor: RecurrenceAnchor): void {
    this.emit(this.form(), anchor);
  }

  protected patch(change: Partial<RecurrenceForm>): void {
    const form = { ...this.form(), ...change };
    this.form.set(form);
    this.editable.set(true);
    this.emit(form, this.anchor());
  }

  private emit(form: RecurrenceForm, anchor: RecurrenceAnchor): void {
    this.value.set({ rrule: buildRrule(form, this.timezone()), anchor });
  }
}
