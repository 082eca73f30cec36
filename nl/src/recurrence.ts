import { DateTime } from 'luxon';
import { dateAt } from './dates.ts';
import type { LocalTime, Reference } from './local-time.ts';
import { findRecurrence } from './recurrence-grammar.ts';
import type { RuleSpec } from '@todo/contracts';
import { consume, mark, tokens, type Scanner } from './scanner.ts';
import { cardinalOf } from './vocabulary.ts';

export interface RecurrenceReading {
  parts: RuleSpec;
  anchor: 'schedule' | 'completion';
  time: LocalTime | null;
}

const COMPLETION =
  /\b(?:after|from|since|once)\s+(?:it\s+is\s+|it's\s+|it\s+was\s+|i\s+|last\s+|the\s+last\s+|being\s+)?(?:done|complete|completed|completion|completing|finished|finish|finishing)(?:\s+it)?\b/g;
const COUNT =
  /\b(?:for\s+)?(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(?:times|occurrences|occurences|repetitions|reps)\b/g;
const UNTIL = /\b(?:until|till|til|through|thru|ending(?:\s+on)?|ends(?:\s+on)?|up\s+to)\s+/g;

/**
 * A repeating schedule with its end ("until dec 31", "for 10 times") and anchor ("every!",
 * "after done"). UNTIL is the end of that day in the user's zone, written in UTC, so the
 * last day's occurrence is included whatever its time.
 */
export function readRecurrence(
  s: Scanner,
  ref: Reference,
  from: number,
  to: number,
): RecurrenceReading | null {
  const found = findRecurrence(tokens(s.work, from, to));
  if (!found) return null;
  if (found.alsoTitle) mark(s, 'recurrence', found.start, found.end);
  else consume(s, 'recurrence', found.start, found.end);
  const reading: RecurrenceReading = {
    parts: found.parts,
    anchor: found.completion ? 'completion' : 'schedule',
    time: found.time,
  };
  const region = (re: RegExp) => {
    re.lastIndex = from;
    const m = re.exec(s.work);
    return m && m.index + m[0].length <= to ? m : null;
  };
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
  const until = region(UNTIL);
  if (until && !reading.parts.count) {
    const after = until.index + until[0].length;
    const date = dateAt(s.work.slice(after, to), ref);
    if (date) {
      const endOfDay = DateTime.fromObject(
        { ...date.date, hour: 23, minute: 59, second: 59 },
        { zone: ref.zone },
      );
      reading.parts.until = endOfDay.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
      consume(s, 'recurrence', until.index, after + date.end);
    }
  }
  return reading;
}
