import type { WeekdayCode } from './vocabulary.ts';

export type Freq = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** The subset of RFC 5545 the grammar produces; DTSTART is the task's due time. */
export interface RuleParts {
  freq: Freq;
  interval?: number;
  /** Weekdays, with an optional position in the month ("-1FR" = last Friday). */
  byDay?: { weekday: WeekdayCode; nth?: number }[];
  byMonthDay?: number[];
  byMonth?: number[];
  count?: number;
  /** UTC date-time in RRULE form, e.g. 20261231T225959Z. */
  until?: string;
}

export function toRrule(parts: RuleParts): string {
  const out = [`FREQ=${parts.freq}`];
  if (parts.interval && parts.interval > 1) out.push(`INTERVAL=${parts.interval}`);
  if (parts.byMonth?.length) out.push(`BYMONTH=${parts.byMonth.join(',')}`);
  if (parts.byMonthDay?.length) out.push(`BYMONTHDAY=${parts.byMonthDay.join(',')}`);
  if (parts.byDay?.length)
    out.push(`BYDAY=${parts.byDay.map((d) => `${d.nth ?? ''}${d.weekday}`).join(',')}`);
  if (parts.count) out.push(`COUNT=${parts.count}`);
  if (parts.until) out.push(`UNTIL=${parts.until}`);
  return out.join(';');
}

/** Reads back what toRrule wrote (and any rule of the same shape) for describing it. */
export function fromRrule(rrule: string): RuleParts | null {
  const map = new Map<string, string>();
  for (const part of rrule
    .replace(/^RRULE:/i, '')
    .toUpperCase()
    .split(';')) {
    const [k, v] = part.split('=');
    if (k && v) map.set(k, v);
  }
  const freq = map.get('FREQ') as Freq | undefined;
  if (!freq || !['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  const ints = (v: string | undefined) => v?.split(',').map(Number);
  const parts: RuleParts = { freq };
  if (map.has('INTERVAL')) parts.interval = Number(map.get('INTERVAL'));
  if (map.has('BYMONTH')) parts.byMonth = ints(map.get('BYMONTH'))!;
  if (map.has('BYMONTHDAY')) parts.byMonthDay = ints(map.get('BYMONTHDAY'))!;
  if (map.has('BYDAY')) {
    parts.byDay = map
      .get('BYDAY')!
      .split(',')
      .map((d) => {
        const m = /^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
        return m ? { weekday: m[2] as WeekdayCode, ...(m[1] ? { nth: Number(m[1]) } : {}) } : null;
      })
      .filter((d) => d !== null);
  }
  if (map.has('COUNT')) parts.count = Number(map.get('COUNT'));
  if (map.has('UNTIL')) parts.until = map.get('UNTIL')!;
  return parts;
}
