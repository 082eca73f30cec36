import { FOR_RUN, runLength, type RunLength } from './bounded-run.ts';
import { dateAt } from './dates.ts';
import { findDayTimes, type DayTime } from './day-times.ts';
import type { LocalDate, LocalTime, Reference } from './local-time.ts';
import { findRecurrence } from './recurrence-grammar.ts';
import type { RuleSpec } from '@todo/contracts';
import { consume, mark, tokens, type Scanner } from './scanner.ts';
import { findTimesOfDay, TIMES_A_DAY, withTimesOfDay } from './times-of-day.ts';
import { cardinalOf } from './vocabulary.ts';

export interface RecurrenceReading {
  parts: RuleSpec;
  anchor: 'schedule' | 'completion';
  time: LocalTime | null;
  /** Several times a day ("at 7am and 7pm"), in order; the rule has them as BYHOUR. */
  times: LocalTime[];
  /** A time of its own on each day ("every monday at 9am, friday at 5pm"). */
  dayTimes: DayTime[];
  /** "for 4 weeks": COUNT is worked out once the first occurrence is known. */
  run: RunLength | null;
  /** "until aug 3": its last day, dated once the start is known (it comes after the start). */
  until: LocalDate | null;
}

const COMPLETION =
  /\b(?:after|from|since|once)\s+(?:it\s+is\s+|it's\s+|it\s+was\s+|i\s+|last\s+|the\s+last\s+|being\s+)?(?:done|complete|completed|completion|completing|finished|finish|finishing)(?:\s+it)?\b/g;
const COUNT =
  /\b(?:for\s+)?(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(?:times|occurrences|occurences|repetitions|reps)\b/g;
const UNTIL = /\b(?:until|till|til|through|thru|ending(?:\s+on)?|ends(?:\s+on)?|up\s+to)\s+/g;

/**
 * A repeating schedule with its end ("until dec 31", "for 10 times") and anchor ("every!",
 * "after done"); the end's date is settled with the start, in task-fields.ts.
 */
export function readRecurrence(
  s: Scanner,
  ref: Reference,
  from: number,
  to: number,
): RecurrenceReading | null {
  const region = (re: RegExp) => {
    re.lastIndex = from;
    const m = re.exec(s.work);
    return m && m.index + m[0].length <= to ? m : null;
  };
  const perDay = findDayTimes(s.work, from, to);
  const found = perDay
    ? { ...perDay, completion: false, time: null }
    : (findRecurrence(tokens(s.work, from, to)) ?? timesADay(s, from, to));
  if (!found) return null;
  if (found.alsoTitle) mark(s, 'recurrence', found.start, found.end);
  else consume(s, 'recurrence', found.start, found.end);
  const reading: RecurrenceReading = {
    parts: found.parts,
    anchor: found.completion ? 'completion' : 'schedule',
    time: found.time,
    times: [],
    dayTimes: perDay?.pairs ?? [],
    run: null,
    until: null,
  };
  const times = perDay ? null : findTimesOfDay(s.work, from, to);
  if (times && withTimesOfDay(reading.parts, times.times)) {
    reading.times = times.times;
    consume(s, 'recurrence', times.start, times.end);
    const filler = region(TIMES_A_DAY);
    if (filler) consume(s, 'recurrence', filler.index, filler.index + filler[0].length);
  }
  const completion = region(COMPLETION);
  if (completion) {
    reading.anchor = 'completion';
    consume(s, 'recurrence', completion.index, completion.index + completion[0].length);
  }
  const count = region(COUNT);
  if (count) {
    const n = cardinalOf(count[1]!);
    if (n && n >= 1) {
      reading.parts.count = n;
      consume(s, 'recurrence', count.index, count.index + count[0].length);
    }
  }
  const run = region(FOR_RUN);
  if (run && !reading.parts.count) {
    reading.run = runLength(run[1]!, run[2]!);
    if (reading.run) consume(s, 'recurrence', run.index, run.index + run[0].length);
  }
  const until = region(UNTIL);
  if (until && !reading.parts.count && !reading.run) {
    const after = until.index + until[0].length;
    const date = dateAt(s.work.slice(after, to), ref);
    if (date) {
      reading.until = date.date;
      consume(s, 'recurrence', until.index, after + date.end);
    }
  }
  return reading;
}

/**
 * "twice a day at 8am and 8pm" says it is daily without "every": the times make it one. The
 * grammar's match shape, so it is consumed like any other schedule.
 */
function timesADay(s: Scanner, from: number, to: number): ReturnType<typeof findRecurrence> {
  TIMES_A_DAY.lastIndex = from;
  const m = TIMES_A_DAY.exec(s.work);
  if (!m || m.index + m[0].length > to || !findTimesOfDay(s.work, from, to)) return null;
  return {
    parts: { freq: 'DAILY' },
    completion: false,
    time: null,
    start: m.index,
    end: m.index + m[0].length,
  };
}
