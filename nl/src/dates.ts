import * as chrono from 'chrono-node';
import {
  addDays,
  daysInMonth,
  isPast,
  todayOf,
  weekdayOfDate,
  type LocalDate,
  type LocalTime,
  type Reference,
} from './local-time.ts';
import { cardinalOf, unitOf } from './vocabulary.ts';

/**
 * One date (and maybe a time) read from the text. `exact` is set for "in 2 hours": an
 * instant, not a wall-clock reading, so it stays right across a DST change.
 */
export interface DateMatch {
  date: LocalDate;
  time: LocalTime | null;
  /** The text named a day (not only a time of day). */
  hasDate: boolean;
  exactMillis?: number;
  start: number;
  end: number;
}

const RELATIVE =
  /\b(?:in\s+)(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|half\s+an?|\d{1,4})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|years?|yrs?)\b/g;

/** "in 2 hours", "in 30 min", "in half an hour", "in 3 days". */
function relative(work: string, ref: Reference): DateMatch | null {
  RELATIVE.lastIndex = 0;
  const m = RELATIVE.exec(work);
  if (!m) return null;
  const unit = unitOf(m[2]!)!;
  const half = m[1]!.startsWith('half');
  const n = half ? 0.5 : cardinalOf(m[1]!)!;
  const start = m.index;
  const end = m.index + m[0].length;
  if (unit === 'minute' || unit === 'hour') {
    const ms = n * (unit === 'minute' ? 60_000 : 3_600_000);
    const at = ref.now.plus({ milliseconds: ms }).set({ second: 0, millisecond: 0 });
    return {
      date: { year: at.year, month: at.month, day: at.day },
      time: { hour: at.hour, minute: at.minute },
      hasDate: true,
      exactMillis: at.toMillis(),
      start,
      end,
    };
  }
  if (half) return null;
  const d = ref.now.plus({ [`${unit}s`]: n });
  return { date: { year: d.year, month: d.month, day: d.day }, time: null, hasDate: true, start, end };
}

const END_OF =
  /\b(?:(?:by|at|before)\s+)?(?:the\s+)?(end\s+of\s+(?:the\s+)?(month|week|year|day|business)|eo(m|w|y|d)|cob|close\s+of\s+business)\b/;
const END_OF_DAY: LocalTime = { hour: 17, minute: 0 };

/** "end of month" (the last day), "end of week" (Friday), "end of year", "end of day"/"eod" (17:00). */
function endOf(work: string, ref: Reference): DateMatch | null {
  const m = END_OF.exec(work);
  if (!m) return null;
  const what = m[2] ?? { m: 'month', w: 'week', y: 'year', d: 'day' }[m[3] ?? 'd']!;
  const today = todayOf(ref);
  const start = m.index;
  const end = m.index + m[0].length;
  if (what === 'day' || what === 'business') {
    const date = isPast(ref, today, END_OF_DAY) ? addDays(today, 1) : today;
    return { date, time: END_OF_DAY, hasDate: false, start, end };
  }
  let date: LocalDate;
  if (what === 'month') date = { ...today, day: daysInMonth(today.year, today.month) };
  else if (what === 'year') date = { year: today.year, month: 12, day: 31 };
  else date = addDays(today, (5 - weekdayOfDate(today) + 7) % 7);
  return { date, time: null, hasDate: true, start, end };
}

const NEXT_WEEK = /\b(?:(?:by|on|for|until|till)\s+)?(?:the\s+)?(?:start\s+of\s+)?next\s+week\b/;

/** "next week": its Monday, as most todo apps read it (chrono would say a week from today). */
function nextWeek(work: string, ref: Reference): DateMatch | null {
  const m = NEXT_WEEK.exec(work);
  if (!m) return null;
  const today = todayOf(ref);
  const date = addDays(today, 8 - weekdayOfDate(today));
  return { date, time: null, hasDate: true, start: m.index, end: m.index + m[0].length };
}

const NTH = /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)/;

/** "on the 15th": the next 15th, today included. */
function nthOfMonth(work: string, ref: Reference): DateMatch | null {
  const m = NTH.exec(work);
  if (!m) return null;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return null;
  const today = todayOf(ref);
  let { year, month } = today;
  if (day < today.day) month++;
  for (let k = 0; k < 12; k++, month++) {
    if (month > 12) {
      month = 1;
      year++;
    }
    if (day <= daysInMonth(year, month)) {
      return {
        date: { year, month, day },
        time: null,
        hasDate: true,
        start: m.index,
        end: m.index + m[0].length,
      };
    }
  }
  return null;
}

const parser = chrono.casual.clone();
/**
 * Words chrono reads as dates that are almost always something else in a task title, and
 * bare durations ("read for 30 minutes"): a due time needs "in", "from now" or "later".
 */
const NOT_DATES =
  /^(?:now|a second|\d+ seconds?|sun|sat|wed|mar|second|a sec|(?:for\s+)?(?:\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty)\s*(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?))$/;
const PARTS_OF_DAY = /\b(tonight|morning|afternoon|evening|night|noon|midnight|midday)\b/;

interface ChronoReading {
  date: LocalDate;
  time: LocalTime | null;
  hasDate: boolean;
  /** A calendar day was named ("the 4th of December"), not only a weekday. */
  hasDay: boolean;
  start: number;
  end: number;
}

function reading(r: chrono.ParsedResult): ChronoReading {
  const c = r.start;
  const hasDate = c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month');
  const hasTime = c.isCertain('hour') || PARTS_OF_DAY.test(r.text);
  let hour = c.get('hour') ?? 0;
  // A bare "at 5" in a todo means the afternoon far more often than 5 in the morning.
  if (c.isCertain('hour') && !c.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  // chrono's "morning" is 6:00; people mean the start of the working day.
  if (!c.isCertain('hour') && /\bmorning\b/.test(r.text)) hour = 9;
  return {
    date: { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! },
    time: hasTime ? { hour, minute: c.get('minute') ?? 0 } : null,
    hasDate,
    hasDay: c.isCertain('day'),
    start: r.index,
    end: r.index + r.text.length,
  };
}

/** "Friday the 4th of December": chrono reads two dates side by side; they are one. */
function mergeAdjacent(work: string, readings: ChronoReading[]): ChronoReading[] {
  const out: ChronoReading[] = [];
  for (const r of readings) {
    const prev = out.at(-1);
    if (prev && /^[\s,]*(?:the|on|at)?[\s,]*$/.test(work.slice(prev.end, r.start))) {
      const day = r.hasDay && !prev.hasDay ? r : prev;
      out[out.length - 1] = {
        ...day,
        hasDate: prev.hasDate || r.hasDate,
        time: prev.time ?? r.time,
        start: prev.start,
        end: r.end,
      };
    } else out.push(r);
  }
  return out;
}

/**
 * chrono-node mixes the zone of the process into some readings even when it is given the
 * user's offset ("the day after tomorrow", "thursday 4pm" came out a day or a week off on a
 * server at UTC-11). So it gets the user's wall-clock time as a local time of the process and
 * no zone: all its arithmetic then happens in one frame, and only the wall-clock fields of
 * its readings are used. The process zone cancels out; the result is the same in any zone
 * (servers run in UTC, which has no DST gap for a wall-clock time to fall into).
 */
function chronoReference(ref: Reference): Date {
  const n = ref.now;
  return new Date(n.year, n.month - 1, n.day, n.hour, n.minute, n.second, n.millisecond);
}

/** Dates chrono-node reads; a date and a separate time of day are merged ("friday … at 3pm"). */
function chronoDate(work: string, ref: Reference): DateMatch | null {
  const results = parser
    .parse(work, chronoReference(ref), { forwardDate: true })
    .filter((r) => !NOT_DATES.test(r.text.trim()))
    .map(reading);
  const merged = mergeAdjacent(work, results);
  const first = merged[0];
  if (!first) return null;
  const out: DateMatch = { ...first };
  const extra: { start: number; end: number }[] = [];
  for (const other of merged.slice(1)) {
    if (!out.time && other.time && !other.hasDate) {
      out.time = other.time;
      extra.push(other);
    } else if (!out.hasDate && other.hasDate && !other.time) {
      out.date = other.date;
      out.hasDate = true;
      extra.push(other);
    }
  }
  return Object.assign(out, { extra });
}

/** Every date form we read, in the order that keeps them from stealing each other's words. */
export function findDate(
  work: string,
  ref: Reference,
): (DateMatch & { extra?: { start: number; end: number }[] }) | null {
  const relativeMatch = relative(work, ref);
  if (relativeMatch) return relativeMatch;
  const own = endOf(work, ref) ?? nextWeek(work, ref) ?? nthOfMonth(work, ref);
  if (!own) return chronoDate(work, ref);
  // "end of month at 5pm", "next week at 3pm": our day, chrono's time of day.
  const rest = work.slice(0, own.start) + ' '.repeat(own.end - own.start) + work.slice(own.end);
  const time = chronoDate(rest, ref);
  if (time?.time && !time.hasDate)
    return { ...own, time: time.time, extra: [{ start: time.start, end: time.end }] };
  // "end of day tomorrow": chrono's day, our time of day.
  if (time?.hasDate && !time.time && !own.hasDate) {
    return { ...own, date: time.date, hasDate: true, extra: [{ start: time.start, end: time.end }] };
  }
  return own;
}

/** A date right at the start of `work` (after "until"), as a calendar day. */
export function dateAt(
  work: string,
  ref: Reference,
): { date: LocalDate; time: LocalTime | null; hasDate: boolean; end: number } | null {
  const found = chronoDate(work, ref);
  if (!found || work.slice(0, found.start).trim() !== '') return null;
  return { date: found.date, time: found.time, hasDate: found.hasDate, end: found.end };
}
