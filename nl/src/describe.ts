import { DateTime } from 'luxon';
import { fromRrule, type RuleParts } from './rrule-parts.ts';
import { MONTH_NAMES, WEEKDAY_CODES, type WeekdayCode } from './vocabulary.ts';

const DAY_NAMES: Record<WeekdayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

function ordinal(n: number): string {
  if (n === -1) return 'last';
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function every(n: number | undefined, unit: string): string {
  return n && n > 1 ? `every ${n} ${unit}s` : `every ${unit}`;
}

function schedule(p: RuleParts): string {
  const days = p.byDay ?? [];
  const plain = days.filter((d) => !d.nth).map((d) => d.weekday);
  switch (p.freq) {
    case 'HOURLY':
      return every(p.interval, 'hour');
    case 'DAILY':
      return every(p.interval, 'day');
    case 'WEEKLY': {
      const set = [...plain].sort((a, b) => WEEKDAY_CODES.indexOf(a) - WEEKDAY_CODES.indexOf(b)).join(',');
      const names = joinWords(plain.map((d) => DAY_NAMES[d]));
      if (!p.interval || p.interval === 1) {
        if (set === 'MO,TU,WE,TH,FR') return 'every weekday';
        if (set === 'SA,SU') return 'every weekend';
        return plain.length ? `every ${names}` : 'every week';
      }
      return plain.length ? `${every(p.interval, 'week')} on ${names}` : every(p.interval, 'week');
    }
    case 'MONTHLY': {
      const base = every(p.interval, 'month');
      const positioned = days.filter((d) => d.nth);
      if (positioned.length > 0) {
        const weekdays = [...new Set(positioned.map((d) => d.weekday))];
        if (weekdays.length === 1) {
          return `${base} on the ${joinWords(positioned.map((d) => ordinal(d.nth!)))} ${DAY_NAMES[weekdays[0]!]}`;
        }
        return `${base} on the ${joinWords(positioned.map((d) => `${ordinal(d.nth!)} ${DAY_NAMES[d.weekday]}`))}`;
      }
      const md = p.byMonthDay ?? [];
      if (md.length === 1 && md[0] === -1) return `${base} on the last day`;
      return md.length ? `${base} on the ${joinWords(md.map(ordinal))}` : base;
    }
    case 'YEARLY': {
      const base = every(p.interval, 'year');
      const month = p.byMonth?.[0];
      const md = p.byMonthDay?.[0];
      return month && md ? `${base} on ${MONTH_NAMES[month - 1]} ${md}` : base;
    }
  }
}

/**
 * A rule in plain words for the chatbot's confirmations: "every weekday at 09:00",
 * "every 3 months after completion, until Dec 31, 2026".
 */
export function describeRecurrence(
  rrule: string,
  anchor: 'schedule' | 'completion',
  options: { timezone: string; time?: { hour: number; minute: number } | null },
): string {
  const parts = fromRrule(rrule);
  if (!parts) return `repeating (${rrule})`;
  let words = schedule(parts);
  if (options.time && parts.freq !== 'HOURLY') {
    words += ` at ${String(options.time.hour).padStart(2, '0')}:${String(options.time.minute).padStart(2, '0')}`;
  }
  if (anchor === 'completion') words += ' after completion';
  if (parts.count) words += `, ${parts.count} ${parts.count === 1 ? 'time' : 'times'}`;
  if (parts.until) {
    const until = DateTime.fromFormat(
      parts.until.replace(/Z$/, ''),
      parts.until.includes('T') ? "yyyyMMdd'T'HHmmss" : 'yyyyMMdd',
      {
        zone: 'UTC',
      },
    ).setZone(options.timezone);
    if (until.isValid) words += `, until ${until.toFormat('LLL d, yyyy')}`;
  }
  return words;
}

/** "Fri, Nov 27 at 15:00" or "Fri, Nov 27" for an all-day date, in the user's zone. */
export function describeDue(dueAt: string, allDay: boolean, timezone: string): string {
  const dt = DateTime.fromISO(dueAt, { setZone: false }).setZone(timezone);
  return allDay ? dt.toFormat('ccc, LLL d') : dt.toFormat("ccc, LLL d 'at' HH:mm");
}
