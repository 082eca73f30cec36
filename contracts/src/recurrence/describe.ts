import { DAY_NAMES, MONTH_NAMES, WEEKDAY_CODES } from './names.ts';
import { readRuleParts, type Frequency, type RuleParts, type WeekdayEntry } from './rule-parts.ts';
import { untilDate } from './until.ts';
import { rruleProblem } from './validation.ts';

/**
 * An RRULE in plain English, e.g. "every 2 weeks on Monday and Thursday": the one wording
 * the SPA shows (`ruleLabel`) and the chatbot says (`describeRecurrence`). Covers what the
 * recurrence builder and the language engine write, and reads any other valid rule as far
 * as its frequency, days and months go. The words are ones the language engine reads back
 * into the same rule ("every Monday", "after completion").
 */
export interface DescribeOptions {
  anchor?: 'schedule' | 'completion';
  /** The task's zone: a UTC UNTIL is dated on its wall clock. Without it, the UTC date. */
  timezone?: string;
  /** The time of day the occurrences keep (the due time), said unless the rule fixes its own. */
  time?: { hour: number; minute: number } | null;
}

/** 1st, 2nd, 3rd, 11th, 21st …; -1 is "last", -2 "2nd to last". */
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

const UNITS: Record<Frequency, string> = {
  HOURLY: 'hour',
  DAILY: 'day',
  WEEKLY: 'week',
  MONTHLY: 'month',
  YEARLY: 'year',
};

const every = (interval: number, unit: string) =>
  interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`;
const dayName = (weekday: number) => DAY_NAMES[WEEKDAY_CODES[weekday]!];
const isSet = (days: readonly number[], set: string) =>
  [...new Set(days)].sort((a, b) => a - b).join(',') === set;
const WORKDAYS = '0,1,2,3,4';
const WEEKEND = '5,6';

/** "Monday and Thursday"; the five working days are "weekday". */
function plainDays(days: readonly number[]): string {
  return isSet(days, WORKDAYS) ? 'weekday' : joinWords(days.map(dayName));
}

/** "the last Friday", "the 1st and 3rd Monday", "the 1st Monday and last Friday". */
function positionedDays(days: readonly WeekdayEntry[]): string {
  const weekdays = new Set(days.map((d) => d.weekday));
  if (weekdays.size === 1)
    return `the ${joinWords(days.map((d) => ordinal(d.nth!)))} ${dayName(days[0]!.weekday)}`;
  return `the ${joinWords(days.map((d) => (d.nth === null ? dayName(d.weekday) : `${ordinal(d.nth)} ${dayName(d.weekday)}`)))}`;
}

/** Positions in reading order: 1st, 15th, …, 2nd to last, last. */
const fromFirstToLast = (a: number, b: number) => (a > 0 === b > 0 ? a - b : b - a);

const monthDay = (n: number) => (n === -1 ? 'last day' : n < 0 ? `${ordinal(n)} day` : ordinal(n));

/** "every weekday", "every 2 weeks on Monday", "every month on the last Friday", "every year on June 5". */
function schedule(p: RuleParts): string {
  const base = every(p.interval, UNITS[p.freq]);
  const days = p.byDay ?? [];
  const plain = days.filter((d) => d.nth === null).map((d) => d.weekday);
  const positioned = days.filter((d) => d.nth !== null);
  // In a daily rule each period is one day, so BYSETPOS picks among its times, not its days.
  if (p.bySetPos !== null && days.length > 0 && p.freq !== 'DAILY') {
    const positions = [...p.bySetPos].sort(fromFirstToLast);
    return `${base} on the ${joinWords(positions.map(ordinal))} ${plainDays(days.map((d) => d.weekday))}`;
  }
  if (p.freq === 'YEARLY' && p.byMonth !== null) {
    const months = joinWords(p.byMonth.map((m) => MONTH_NAMES[m - 1]!));
    const md = p.byMonthDay ?? [];
    let text = md.length === 0 ? `${base} in ${months}` : `${base} on ${months} ${md.join(', ')}`;
    if (md.some((d) => d < 0)) text = `${base} on the ${joinWords(md.map(monthDay))} of ${months}`;
    return days.length > 0
      ? `${text} on ${positioned.length > 0 ? positionedDays(days) : plainDays(plain)}`
      : text;
  }
  if (positioned.length > 0) return `${base} on ${positionedDays(days)}`;
  if (plain.length > 0) {
    const weekly = (p.freq === 'WEEKLY' || p.freq === 'DAILY') && p.interval === 1;
    if (weekly && isSet(plain, WEEKEND)) return 'every weekend';
    return weekly ? `every ${plainDays(plain)}` : `${base} on ${plainDays(plain)}`;
  }
  if (p.byMonthDay !== null) return `${base} on the ${joinWords(p.byMonthDay.map(monthDay))}`;
  return base;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

const clock = (minutes: number) => `${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;

/**
 * The times of day a rule fixes itself (BYHOUR × BYMINUTE, minutes 0 when unsaid), in
 * order; in a daily rule BYSETPOS picks among them ("at 07:30 and 19:00" is
 * BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3). Empty when the rule leaves the time to the start.
 */
function fixedTimes(p: RuleParts): number[] {
  if (p.byHour === null) return [];
  const minutes = p.byMinute ?? [0];
  const all = p.byHour.flatMap((h) => minutes.map((m) => h * 60 + m)).sort((a, b) => a - b);
  if (p.freq !== 'DAILY' || p.bySetPos === null) return all;
  const picked = p.bySetPos.map((pos) => all[pos > 0 ? pos - 1 : all.length + pos]);
  return [...new Set(picked.filter((t) => t !== undefined))].sort((a, b) => a - b);
}

function timeOfDay(p: RuleParts, time: DescribeOptions['time']): string {
  if (p.freq === 'HOURLY') return '';
  const fixed = fixedTimes(p);
  if (fixed.length > 0) return ` at ${joinWords(fixed.map(clock))}`;
  return time ? ` at ${twoDigits(time.hour)}:${twoDigits(time.minute)}` : '';
}

/**
 * A weekly rule whose BYSETPOS picks day-and-time pairs of the week ("every Monday at 09:00
 * and Friday at 17:00": BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=1,4), or null for any other rule.
 */
function dayTimes(p: RuleParts): string | null {
  const days = p.byDay ?? [];
  if (p.freq !== 'WEEKLY' || p.byHour === null || p.bySetPos === null || days.length === 0) return null;
  if (days.some((d) => d.nth !== null)) return null;
  const times = p.byHour.flatMap((h) => (p.byMinute ?? [0]).map((m) => h * 60 + m)).sort((a, b) => a - b);
  const order = [...new Set(days.map((d) => d.weekday))].sort(
    (a, b) => ((a - p.wkst + 7) % 7) - ((b - p.wkst + 7) % 7),
  );
  const week = order.flatMap((weekday) => times.map((time) => ({ weekday, time })));
  const picked = [...new Set(p.bySetPos.map((pos) => week[pos > 0 ? pos - 1 : week.length + pos]))];
  const said = order.flatMap((weekday) => {
    const at = picked.filter((x) => x?.weekday === weekday).map((x) => clock(x!.time));
    return at.length === 0 ? [] : [`${dayName(weekday)} at ${joinWords(at)}`];
  });
  return p.interval > 1 ? `${every(p.interval, 'week')} on ${joinWords(said)}` : `every ${joinWords(said)}`;
}

/** The rule in words, lower case, to go inside a sentence; null when it is not a valid rule. */
export function describeRule(rrule: string, options: DescribeOptions = {}): string | null {
  if (rruleProblem(rrule) !== null) return null;
  const p = readRuleParts(rrule);
  let words = dayTimes(p) ?? schedule(p) + timeOfDay(p, options.time);
  if (options.anchor === 'completion') words += ' after completion';
  if (p.count !== null) words += p.count === 1 ? ', once' : `, ${p.count} times`;
  const until = p.until === null ? null : untilDate(p.until, options.timezone);
  if (until) words += `, until ${MONTH_NAMES[until[1] - 1]} ${until[2]}, ${until[0]}`;
  return words;
}

/** For the chatbot's sentences: the rule in words, or "repeating (…)" with a rule it cannot read. */
export function describeRecurrence(
  rrule: string,
  anchor: 'schedule' | 'completion',
  options: Omit<DescribeOptions, 'anchor'> = {},
): string {
  return describeRule(rrule, { ...options, anchor }) ?? `repeating (${rrule})`;
}

/** For a label of its own (the SPA): "Every weekday", or the rule's text when it cannot be read. */
export function ruleLabel(rrule: string, options: DescribeOptions = {}): string {
  const words = describeRule(rrule, options);
  return words === null ? rrule : words.charAt(0).toUpperCase() + words.slice(1);
}
