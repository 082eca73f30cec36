import type { RuleSpec } from '@todo/contracts';
import type { LocalTime } from './local-time.ts';

/**
 * Several times a day: "at 7am and 7pm", "at 8am, 2pm and 8pm", "twice a day at 9:30 and
 * 21:30". Read only inside a repeating schedule, where a task that recurs at each of those
 * times is meant; one time alone is left to the date reader (it becomes the due time).
 */
export interface TimesOfDay {
  times: LocalTime[];
  start: number;
  end: number;
}

// No two optional runs of spaces side by side: the working text has long blanked-out runs.
export const TIME = String.raw`(?:\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|noon|midday|midnight)`;
const SEPARATOR = String.raw`\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:at\s+)?`;
const LIST = new RegExp(String.raw`\b(at\s+)?(${TIME}(?:${SEPARATOR}${TIME})+)(?![\w:])`, 'g');
export const ONE = /(\d{1,2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?|noon|midday|midnight/g;
/** "twice a day", "3 times a day", "2x daily": said with the list, it adds nothing to it. */
export const TIMES_A_DAY =
  /\b(?:twice|thrice|two\s+times|three\s+times|four\s+times|\d\s*(?:x|times))\s+(?:a\s+day|per\s+day|daily|each\s+day|every\s+day)\b/g;

export function readTime(m: RegExpExecArray, explicit: boolean): LocalTime | null {
  if (m[0] === 'noon' || m[0] === 'midday') return { hour: 12, minute: 0 };
  if (m[0] === 'midnight') return { hour: 0, minute: 0 };
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (m[2] === undefined) {
    // A bare number is a time only after "at" ("at 9 and 5"); 1–7 are afternoon, as "at 5" is.
    if (!explicit || hour > 23) return null;
    if (hour >= 1 && hour <= 7) hour += 12;
  } else if (hour > 23) return null;
  return { hour, minute };
}

/**
 * The first list of two or more times in [from, to) of the working text, sorted, without
 * repeats. The list ends before the first item that is no time ("at 7 and 19, 28 times").
 */
export function findTimesOfDay(work: string, from: number, to: number): TimesOfDay | null {
  LIST.lastIndex = from;
  for (let m = LIST.exec(work); m && m.index < to; m = LIST.exec(work)) {
    const explicit = m[1] !== undefined;
    const listStart = m.index + m[0].length - m[2]!.length;
    const times: LocalTime[] = [];
    let end = listStart;
    ONE.lastIndex = 0;
    for (let t = ONE.exec(m[2]!); t; t = ONE.exec(m[2]!)) {
      const time = readTime(t, explicit);
      if (!time || listStart + t.index + t[0].length > to) break;
      end = listStart + t.index + t[0].length;
      if (!times.some((x) => x.hour === time.hour && x.minute === time.minute)) times.push(time);
    }
    if (times.length >= 2) {
      times.sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute));
      return { times, start: m.index, end };
    }
  }
  return null;
}

/**
 * The times as BYHOUR (and BYMINUTE when not on the hour). When the times do not share
 * their minutes, BYHOUR × BYMINUTE holds more times than were said, so BYSETPOS picks the
 * said ones among each day's; that needs periods of one day, so an every-week rule on named
 * days becomes a daily rule on those days (the same days). False when no rule fits.
 */
export function withTimesOfDay(parts: RuleSpec, times: LocalTime[]): boolean {
  if (parts.freq === 'HOURLY') return false;
  const hours = [...new Set(times.map((t) => t.hour))].sort((a, b) => a - b);
  const minutes = [...new Set(times.map((t) => t.minute))].sort((a, b) => a - b);
  if (hours.length * minutes.length === times.length) {
    parts.byHour = hours;
    if (minutes.length > 1 || minutes[0] !== 0) parts.byMinute = minutes;
    return true;
  }
  const weeklyOnDays = parts.freq === 'WEEKLY' && (parts.interval ?? 1) === 1 && parts.byDay?.length;
  if (parts.bySetPos || (parts.freq !== 'DAILY' && !weeklyOnDays)) return false;
  const all = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  parts.freq = 'DAILY';
  parts.byHour = hours;
  parts.byMinute = minutes;
  parts.bySetPos = times.map((t) => all.indexOf(t.hour * 60 + t.minute) + 1);
  return true;
}
