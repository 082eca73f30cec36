import type { LocalTime } from './local-time.ts';
import { type RuleSpec, type WeekdayCode } from '@todo/contracts';
import type { Token } from './scanner.ts';
import {
  accept,
  dayOfMonth,
  monthAndDay,
  monthlyDetail,
  ofTheMonth,
  peek,
  weekdayList,
  weeklyDays,
  WORKDAYS,
  type Cursor,
} from './recurrence-detail.ts';
import { cardinalOf, monthOf, unitOf, weekdayOf } from './vocabulary.ts';

/**
 * Our own grammar for repeating schedules (chrono-node reads single dates only):
 * "every 2 weeks on mon and thu", "every last friday", "on the 1st of every month",
 * "every year on june 5", "every!" (from completion), "weekly", …
 */
export interface RecurrenceMatch {
  parts: RuleSpec;
  completion: boolean;
  /** "every morning" carries its own time of day. */
  time: LocalTime | null;
  start: number;
  end: number;
  /** "Weekly review at 4pm": the adverb also names the task, so it stays in the title. */
  alsoTitle?: boolean;
}

const PARTS_OF_DAY: Record<string, LocalTime> = {
  morning: { hour: 9, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 20, minute: 0 },
  night: { hour: 22, minute: 0 },
};

const WEEKEND: WeekdayCode[] = ['SA', 'SU'];

const UNIT_FREQ: Record<string, RuleSpec['freq']> = {
  hour: 'HOURLY',
  hours: 'HOURLY',
  day: 'DAILY',
  days: 'DAILY',
  week: 'WEEKLY',
  weeks: 'WEEKLY',
  month: 'MONTHLY',
  months: 'MONTHLY',
  year: 'YEARLY',
  years: 'YEARLY',
};

/** What follows "every": the heart of the grammar. */
function everyBody(c: Cursor): { parts: RuleSpec; time: LocalTime | null } | null {
  const t = peek(c);
  if (!t) return null;
  const time = PARTS_OF_DAY[t];
  if (time) {
    c.i++;
    return { parts: { freq: 'DAILY' }, time };
  }
  if (t === 'weekday' || t === 'weekdays' || t === 'workday' || t === 'workdays') {
    c.i++;
    return { parts: { freq: 'WEEKLY', byDay: WORKDAYS.map((weekday) => ({ weekday })) }, time: null };
  }
  if ((t === 'work' || t === 'business' || t === 'working') && ['day', 'days'].includes(peek(c, 1) ?? '')) {
    c.i += 2;
    return { parts: { freq: 'WEEKLY', byDay: WORKDAYS.map((weekday) => ({ weekday })) }, time: null };
  }
  if (t === 'weekend' || t === 'weekends') {
    c.i++;
    accept(c, 'day', 'days');
    return { parts: { freq: 'WEEKLY', byDay: WEEKEND.map((weekday) => ({ weekday })) }, time: null };
  }
  if (t === 'fortnight') {
    c.i++;
    const parts: RuleSpec = { freq: 'WEEKLY', interval: 2 };
    weeklyDays(c, parts);
    return { parts, time: null };
  }
  if (t === 'quarter') {
    c.i++;
    return { parts: { freq: 'MONTHLY', interval: 3 }, time: null };
  }
  const unitFreq = UNIT_FREQ[t];
  if (unitFreq && !t.endsWith('s')) {
    c.i++;
    return { parts: withDetail(c, { freq: unitFreq }), time: null };
  }
  const days = weekdayList(c);
  if (days) return { parts: { freq: 'WEEKLY', byDay: days.map((weekday) => ({ weekday })) }, time: null };
  const md = monthAndDay(c);
  if (md) return { parts: { freq: 'YEARLY', byMonth: [md.month], byMonthDay: [md.day] }, time: null };
  const n = cardinalOf(t);
  if (n !== null && n >= 1 && n <= 999) {
    const unit = UNIT_FREQ[peek(c, 1) ?? ''];
    if (unit) {
      c.i += 2;
      return { parts: withDetail(c, { freq: unit, ...(n > 1 ? { interval: n } : {}) }), time: null };
    }
    const wd = weekdayOf(peek(c, 1));
    if (t === 'other' && wd) {
      c.i += 1;
      const list = weekdayList(c)!;
      return {
        parts: { freq: 'WEEKLY', interval: 2, byDay: list.map((weekday) => ({ weekday })) },
        time: null,
      };
    }
    // "every 27": a bare day of the month (not "every 10 min", "every 3 mondays", "every 14 jan").
    const next = peek(c, 1);
    const aDay = /^\d{1,2}$/.test(t) && n <= 31 && !unitOf(next) && !weekdayOf(next) && !monthOf(next);
    if (aDay && next !== 'times' && next !== 'x') {
      c.i += 1;
      return { parts: { freq: 'MONTHLY', byMonthDay: [n] }, time: null };
    }
    return null;
  }
  const parts: RuleSpec = { freq: 'MONTHLY' };
  if (dayOfMonth(c, parts)) {
    ofTheMonth(c);
    return { parts, time: null };
  }
  return null;
}

function withDetail(c: Cursor, parts: RuleSpec): RuleSpec {
  if (parts.freq === 'WEEKLY') weeklyDays(c, parts);
  if (parts.freq === 'MONTHLY') monthlyDetail(c, parts);
  if (parts.freq === 'YEARLY') {
    const save = c.i;
    if (accept(c, 'on', 'in')) {
      const md = monthAndDay(c);
      if (md) {
        parts.byMonth = [md.month];
        parts.byMonthDay = [md.day];
      } else c.i = save;
    }
  }
  return parts;
}

const ADVERBS: Record<string, RuleSpec> = {
  hourly: { freq: 'HOURLY' },
  daily: { freq: 'DAILY' },
  weekly: { freq: 'WEEKLY' },
  fortnightly: { freq: 'WEEKLY', interval: 2 },
  biweekly: { freq: 'WEEKLY', interval: 2 },
  monthly: { freq: 'MONTHLY' },
  quarterly: { freq: 'MONTHLY', interval: 3 },
  yearly: { freq: 'YEARLY' },
  annually: { freq: 'YEARLY' },
};

/** What may follow a schedule adverb ("daily at 8am", "weekly on friday", "monthly: pay rent"). */
const ADVERB_FOLLOWERS = new Set([
  'on',
  'at',
  'from',
  'starting',
  'until',
  'till',
  'for',
  'in',
  'by',
  'with',
  'remind',
  'and',
  'after',
  'p',
  'urgent',
  'important',
  'tomorrow',
  'today',
  'tonight',
  'every',
  'each',
  'except',
  'around',
  'due',
  ',',
  ':',
  '-',
  '!',
  '/',
  '&',
]);

/** Tries to read a schedule starting at token `i`. */
function recurrenceAt(toks: Token[], i: number): RecurrenceMatch | null {
  const c: Cursor = { toks, i };
  const first = toks[i]!;
  accept(c, 'on', 'repeat', 'repeats', 'repeating', 'recurring');
  // "ev" is Todoist's short form of "every" ("ev mon, fri").
  if (accept(c, 'every', 'each', 'ev')) {
    const completion = accept(c, '!');
    const body = everyBody(c);
    if (!body) return null;
    return { ...body, completion, start: first.start, end: toks[c.i - 1]!.end };
  }
  const adverb = ADVERBS[peek(c) ?? ''];
  if (adverb) {
    c.i++;
    // "finish the quarterly slides": an adverb before a noun is an adjective, unless it opens
    // the task ("weekly review at 4pm"), where it is both the schedule and part of the name.
    const next = peek(c);
    const beforeNoun = next !== undefined && !ADVERB_FOLLOWERS.has(next) && !/^\d/.test(next);
    if (beforeNoun && i > 0) return null;
    if (beforeNoun) {
      const parts = { ...adverb };
      return { parts, completion: false, time: null, start: first.start, end: first.end, alsoTitle: true };
    }
    const parts = withDetail(c, { ...adverb });
    return { parts, completion: false, time: null, start: first.start, end: toks[c.i - 1]!.end };
  }
  // "on the 1st of every month", "the last friday of each month"
  c.i = i;
  accept(c, 'on');
  accept(c, 'the');
  const parts: RuleSpec = { freq: 'MONTHLY' };
  if (dayOfMonth(c, parts)) {
    const save = c.i;
    if (accept(c, 'of', 'in') && accept(c, 'every', 'each') && accept(c, 'month')) {
      return { parts, completion: false, time: null, start: first.start, end: toks[c.i - 1]!.end };
    }
    c.i = save;
  }
  return null;
}

/**
 * "weekdays at 9", "mondays", "on weekends": a plural day name alone means every one; so
 * does a list of days after "on" ("on mon, wed, fri"), since one task has one due day.
 */
function pluralDays(toks: Token[], i: number): RecurrenceMatch | null {
  const c: Cursor = { toks, i };
  const on = accept(c, 'on');
  const t = peek(c);
  if (!t) return null;
  const weekly = (byDay: WeekdayCode[]): RecurrenceMatch => ({
    parts: { freq: 'WEEKLY', byDay: byDay.map((weekday) => ({ weekday })) },
    completion: false,
    time: null,
    start: toks[i]!.start,
    end: toks[c.i - 1]!.end,
  });
  if (t === 'weekdays' || t === 'workdays') {
    c.i++;
    return weekly(WORKDAYS);
  }
  if (t === 'weekends') {
    c.i++;
    return weekly(WEEKEND);
  }
  if (!weekdayOf(t)) return null;
  const plural = t.endsWith('days');
  const days = weekdayList(c);
  if (!days) return null;
  if (plural || (on && days.length >= 2)) return weekly(days);
  return null;
}

/**
 * The first "every …" schedule wins; a plural day name ("mondays") comes next, and an
 * adverb ("weekly") last, since "weekly review every friday" names its schedule twice.
 */
export function findRecurrence(toks: Token[]): RecurrenceMatch | null {
  let plural: RecurrenceMatch | null = null;
  let adverb: RecurrenceMatch | null = null;
  for (let i = 0; i < toks.length; i++) {
    const word = toks[i]!.text;
    if (ADVERBS[word]) {
      adverb ??= recurrenceAt(toks, i);
      continue;
    }
    const match = recurrenceAt(toks, i);
    if (match) return match;
    plural ??= pluralDays(toks, i);
  }
  return plural ?? adverb;
}
