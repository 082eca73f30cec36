import { WEEKDAY_CODES, type RuleSpec, type WeekdayCode } from '@todo/contracts';
import { weekdayOfDate, type LocalDate, type LocalTime } from './local-time.ts';
import { ONE, readTime, TIME } from './times-of-day.ts';
import { isoWeekday, weekdayOf } from './vocabulary.ts';

/**
 * A time of its own on each day: "every monday at 9am, friday at 5pm". One weekly rule
 * holds it: BYDAY the days, BYHOUR × BYMINUTE every time said, and BYSETPOS the said
 * day-and-time pairs among the week's (weeks start on Monday, RFC 5545's default WKST).
 */
export interface DayTime {
  weekday: WeekdayCode;
  time: LocalTime;
}

export interface DayTimesMatch {
  parts: RuleSpec;
  pairs: DayTime[];
  start: number;
  end: number;
}

const DAY = String.raw`[a-z]{3,9}`;
const SEPARATOR = String.raw`\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)`;
/** A day and its times: "friday at 5pm", "tuesday at 08:00 and 18:00". */
const PAIR = String.raw`(${DAY})\s+(at\s+)?(${TIME}(?:${SEPARATOR}(?:at\s+)?${TIME})*)`;
const LIST = new RegExp(String.raw`\b(?:every|each|ev)\s+(${PAIR}(?:${SEPARATOR}${PAIR})+)(?![\w:])`, 'g');
const ONE_PAIR = new RegExp(PAIR, 'g');

function readPairs(list: string): DayTime[] | null {
  const pairs: DayTime[] = [];
  ONE_PAIR.lastIndex = 0;
  for (let m = ONE_PAIR.exec(list); m; m = ONE_PAIR.exec(list)) {
    const weekday = weekdayOf(m[1]);
    if (!weekday) return null;
    ONE.lastIndex = 0;
    for (let t = ONE.exec(m[3]!); t; t = ONE.exec(m[3]!)) {
      const time = readTime(t, m[2] !== undefined);
      if (!time) return null;
      pairs.push({ weekday, time });
    }
  }
  return pairs;
}

const minutesOf = (t: LocalTime) => t.hour * 60 + t.minute;

/** The times said for that day, in order: where the first occurrence may fall on it. */
export function timesOnDay(pairs: readonly DayTime[], day: LocalDate): LocalTime[] {
  return pairs
    .filter((p) => isoWeekday(p.weekday) === weekdayOfDate(day))
    .map((p) => p.time)
    .sort((a, b) => minutesOf(a) - minutesOf(b));
}

/**
 * The rule of the pairs. When every day has the same times no BYSETPOS is needed, and one
 * time alone is left to the due time, as "every monday and friday at 9am" would be.
 */
export function dayTimesRule(pairs: DayTime[]): RuleSpec {
  const days = [...new Set(pairs.map((p) => p.weekday))].sort(
    (a, b) => WEEKDAY_CODES.indexOf(a) - WEEKDAY_CODES.indexOf(b),
  );
  const hours = [...new Set(pairs.map((p) => p.time.hour))].sort((a, b) => a - b);
  const minutes = [...new Set(pairs.map((p) => p.time.minute))].sort((a, b) => a - b);
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  const week = days.flatMap((weekday) => times.map((t) => `${weekday}${t}`));
  const said = [...new Set(pairs.map((p) => `${p.weekday}${minutesOf(p.time)}`))];
  const byDay = days.map((weekday) => ({ weekday }));
  if (said.length === week.length && times.length === 1) return { freq: 'WEEKLY', byDay };
  if (said.length === week.length) {
    return {
      freq: 'WEEKLY',
      byDay,
      byHour: hours,
      ...(minutes.length > 1 || minutes[0] !== 0 ? { byMinute: minutes } : {}),
    };
  }
  return {
    freq: 'WEEKLY',
    byDay,
    byHour: hours,
    ...(minutes.length > 1 || minutes[0] !== 0 ? { byMinute: minutes } : {}),
    bySetPos: said.map((key) => week.indexOf(key) + 1).sort((a, b) => a - b),
  };
}

/** The first "every <day> at <time>, <day> at <time>" in [from, to) of the working text. */
export function findDayTimes(work: string, from: number, to: number): DayTimesMatch | null {
  LIST.lastIndex = from;
  for (let m = LIST.exec(work); m && m.index < to; m = LIST.exec(work)) {
    if (m.index + m[0].length > to) return null;
    const pairs = readPairs(m[1]!);
    if (pairs) return { parts: dayTimesRule(pairs), pairs, start: m.index, end: m.index + m[0].length };
  }
  return null;
}
