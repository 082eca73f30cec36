import {
  formatRule,
  isWeekdayCode,
  ruleFields,
  untilDate,
  WEEKDAY_CODES,
  type WeekdayCode,
} from '@todo/contracts';
import { zonedToInstant } from '../../../core/time/zoned-time';

/**
 * The recurrence builder's form state and its two-way mapping to an RRULE. Only the
 * shapes the builder can edit are mapped; a rule it cannot show keeps its text untouched.
 */
export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type MonthlyMode = 'day' | 'weekday';
export type EndMode = 'never' | 'until' | 'count';

export interface RecurrenceForm {
  frequency: Frequency;
  interval: number;
  weekdays: WeekdayCode[];
  monthlyMode: MonthlyMode;
  monthDay: number;
  /** 1..4 or -1 for "last" */
  setPos: number;
  setPosDay: WeekdayCode;
  month: number;
  end: EndMode;
  /** YYYY-MM-DD */
  until: string;
  count: number;
}

export function defaultRecurrenceForm(): RecurrenceForm {
  return {
    frequency: 'WEEKLY',
    interval: 1,
    weekdays: [],
    monthlyMode: 'day',
    monthDay: 1,
    setPos: 1,
    setPosDay: 'MO',
    month: 1,
    end: 'never',
    until: '',
    count: 10,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * UNTIL for the last day (YYYY-MM-DD): the end of that day on the task's wall clock, in
 * UTC, as the language engine writes it, so the series ends where the date says in any zone.
 */
function endOfDayUntil(date: string, zone: string): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const nextDay = `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
  const end = new Date(Date.parse(zonedToInstant(nextDay, '00:00', zone)) - 1000);
  return end
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');
}

/** The rule of the form; `zone` is the task's, for the end date. */
export function buildRrule(form: RecurrenceForm, zone = 'UTC'): string {
  const weekly = form.frequency === 'WEEKLY';
  const monthly = form.frequency === 'MONTHLY';
  const yearly = form.frequency === 'YEARLY';
  const byWeekday = monthly && form.monthlyMode === 'weekday';
  return formatRule({
    freq: form.frequency,
    interval: Math.floor(form.interval),
    byDay: weekly
      ? [...form.weekdays]
          .sort((a, b) => WEEKDAY_CODES.indexOf(a) - WEEKDAY_CODES.indexOf(b))
          .map((weekday) => ({ weekday }))
      : byWeekday
        ? [{ weekday: form.setPosDay, nth: form.setPos }]
        : undefined,
    byMonthDay: (monthly && !byWeekday) || yearly ? [form.monthDay] : undefined,
    byMonth: yearly ? [form.month] : undefined,
    count: form.end === 'count' && form.count >= 1 ? Math.floor(form.count) : undefined,
    until:
      form.end === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(form.until)
        ? endOfDayUntil(form.until, zone)
        : undefined,
  });
}

/** The builder state for a rule, or null when the rule has parts the builder cannot edit. */
export function parseRecurrenceForm(rrule: string, zone = 'UTC'): RecurrenceForm | null {
  const p = ruleFields(rrule);
  const form = defaultRecurrenceForm();
  const freq = p.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  form.frequency = freq;
  form.interval = Number(p.get('INTERVAL') ?? '1');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'COUNT', 'UNTIL']);
  if ([...p.keys()].some((k) => !known.has(k))) return null;
  const byDay = p.get('BYDAY');
  const byMonthDay = p.get('BYMONTHDAY');
  if (freq === 'DAILY' && (byDay || byMonthDay)) return null;
  if (freq === 'WEEKLY' && byDay) {
    const days = byDay.split(',');
    if (!days.every(isWeekdayCode)) return null;
    form.weekdays = days;
  }
  if (freq === 'MONTHLY') {
    if (byMonthDay && !byMonthDay.includes(',')) {
      form.monthlyMode = 'day';
      form.monthDay = Number(byMonthDay);
    } else if (byDay) {
      const m = /^(-1|[1-4])([A-Z]{2})$/.exec(byDay);
      if (!m || !isWeekdayCode(m[2] ?? '')) return null;
      form.monthlyMode = 'weekday';
      form.setPos = Number(m[1]);
      form.setPosDay = m[2] as WeekdayCode;
    } else return null;
  }
  if (freq === 'YEARLY') {
    const month = p.get('BYMONTH');
    if (!month || !byMonthDay || month.includes(',') || byMonthDay.includes(',') || byDay) return null;
    form.month = Number(month);
    form.monthDay = Number(byMonthDay);
  }
  const count = p.get('COUNT');
  const until = p.get('UNTIL');
  if (count) {
    form.end = 'count';
    form.count = Number(count);
  } else if (until) {
    const day = untilDate(until, zone);
    if (!day) return null;
    form.end = 'until';
    form.until = `${pad(day[0], 4)}-${pad(day[1])}-${pad(day[2])}`;
  }
  return form;
}
