import { WEEKDAY_CODES } from './names.ts';
import { ruleFields } from './rule-text.ts';

/** An RRULE read into typed parts. The text must already have passed `rruleProblem`. */
export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY';

const FREQUENCIES: readonly string[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'];

export interface WeekdayEntry {
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** The position in the month or year ("-1FR"), or null for every such weekday. */
  nth: number | null;
}

export interface RuleParts {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** The UNTIL text as written (its meaning depends on the task's time zone). */
  until: string | null;
  byMonth: number[] | null;
  byMonthDay: number[] | null;
  byYearDay: number[] | null;
  byWeekNo: number[] | null;
  byDay: WeekdayEntry[] | null;
  byHour: number[] | null;
  byMinute: number[] | null;
  bySetPos: number[] | null;
  wkst: number;
}

const ints = (value: string | undefined): number[] | null =>
  value === undefined ? null : [...new Set(value.split(',').map(Number))].sort((a, b) => a - b);

const weekdayIndex = (code: string): number => (WEEKDAY_CODES as readonly string[]).indexOf(code);

export function readRuleParts(rule: string): RuleParts {
  const raw = ruleFields(rule);
  const freq = raw.get('FREQ') as Frequency | undefined;
  if (!freq || !FREQUENCIES.includes(freq)) throw new Error(`not an RRULE this system expands: ${rule}`);
  const byDay = raw.get('BYDAY');
  return {
    freq,
    interval: Number(raw.get('INTERVAL') ?? '1'),
    count: raw.has('COUNT') ? Number(raw.get('COUNT')) : null,
    until: raw.get('UNTIL') ?? null,
    byMonth: ints(raw.get('BYMONTH')),
    byMonthDay: ints(raw.get('BYMONTHDAY')),
    byYearDay: ints(raw.get('BYYEARDAY')),
    byWeekNo: ints(raw.get('BYWEEKNO')),
    byDay:
      byDay === undefined
        ? null
        : byDay.split(',').map((entry) => {
            const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(entry)!;
            return { weekday: weekdayIndex(m[2]!), nth: m[1] === undefined ? null : Number(m[1]) };
          }),
    byHour: ints(raw.get('BYHOUR')),
    byMinute: ints(raw.get('BYMINUTE')),
    bySetPos: ints(raw.get('BYSETPOS')),
    wkst: raw.has('WKST') ? weekdayIndex(raw.get('WKST')!) : 0,
  };
}
