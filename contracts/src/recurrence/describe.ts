/**
 * An RRULE in plain English, e.g. "Every 2 weeks on Monday and Thursday". Covers what the
 * builder and the language engine produce; anything else falls back to the rule itself.
 */
export const DAY_NAMES: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const UNITS: Record<string, [string, string]> = {
  HOURLY: ['hour', 'hours'],
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};

export function ordinal(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)} to last`;
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "a, b and c" */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function parseRruleParts(rrule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  return parts;
}

function dayWords(byDay: string): string[] {
  return byDay.split(',').map((d) => {
    const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(d);
    const name = DAY_NAMES[m?.[2] ?? ''] ?? d;
    return m?.[1] ? `${ordinal(Number(m[1]))} ${name}` : name;
  });
}

function untilWords(until: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(until);
  if (!m) return until;
  return `${MONTH_NAMES[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}

const WEEKDAYS = 'MO,TU,WE,TH,FR';

export function describeRrule(rrule: string, anchor: 'schedule' | 'completion' = 'schedule'): string {
  const p = parseRruleParts(rrule);
  const freq = p.get('FREQ');
  const unit = freq ? UNITS[freq] : undefined;
  if (!freq || !unit) return rrule;
  const interval = Number(p.get('INTERVAL') ?? '1');
  const byDay = p.get('BYDAY');
  const byMonthDay = p.get('BYMONTHDAY');
  const byMonth = p.get('BYMONTH');

  let text: string;
  if (freq === 'WEEKLY' && interval === 1 && byDay && sortedDays(byDay) === WEEKDAYS) text = 'Every weekday';
  else if (freq === 'WEEKLY' && interval === 1 && byDay && sortedDays(byDay) === 'SA,SU')
    text = 'Every weekend';
  else if (freq === 'DAILY' && interval === 1 && byDay && sortedDays(byDay) === WEEKDAYS)
    text = 'Every weekday';
  else text = interval === 1 ? `Every ${unit[0]}` : `Every ${interval} ${unit[1]}`;

  if (text.startsWith('Every weekend') || text.startsWith('Every weekday')) {
    // the days are already said
  } else if (freq === 'YEARLY' && byMonth) {
    const months = byMonth.split(',').map((m) => MONTH_NAMES[Number(m) - 1] ?? m);
    const days = byMonthDay ? ` ${byMonthDay.split(',').map(Number).join(', ')}` : '';
    text += ` on ${joinWords(months)}${days}`;
    if (byDay) text += ` on the ${joinWords(dayWords(byDay))}`;
  } else if (byDay) {
    const words = dayWords(byDay);
    const ordinalised = /\d/.test(byDay);
    const setPos = p.get('BYSETPOS');
    if (setPos) text += ` on the ${ordinal(Number(setPos))} ${joinWords(words)}`;
    else text += ordinalised ? ` on the ${joinWords(words)}` : ` on ${joinWords(words)}`;
  } else if (byMonthDay) {
    text += ` on the ${joinWords(byMonthDay.split(',').map((d) => (Number(d) === -1 ? 'last day' : ordinal(Number(d)))))}`;
  }

  const byHour = p.get('BYHOUR');
  if (byHour && !byHour.includes(',')) {
    const minute = p.get('BYMINUTE') ?? '0';
    text += ` at ${byHour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  }
  const count = p.get('COUNT');
  const until = p.get('UNTIL');
  if (count) text += Number(count) === 1 ? ', once' : `, ${count} times`;
  if (until) text += `, until ${untilWords(until)}`;
  if (anchor === 'completion') text += ', counted from completion';
  return text;
}

function sortedDays(byDay: string): string {
  const order = Object.keys(DAY_NAMES);
  return byDay
    .split(',')
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .join(',');
}
