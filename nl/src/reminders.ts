import { dateAt } from './dates.ts';
import type { LocalDate, LocalTime, Reference } from './local-time.ts';
import { consume, type Scanner } from './scanner.ts';
import { cardinalOf, MINUTES_PER, unitOf } from './vocabulary.ts';

/** A reminder as read: minutes before the due time, or a wall-clock moment to resolve later. */
export type ReminderReading =
  { minutesBefore: number } | { date: LocalDate; time: LocalTime | null; hasDate: boolean };

const LEAD = String.raw`(?:(?:and\s+|,\s*)?(?:set\s+)?(?:a\s+)?(?:remind(?:er)?|alert|notify|ping)(?:\s+me)?)`;
const BEFORE = new RegExp(
  String.raw`\b${LEAD}?\s*(?:(a|an|one|two|three|four|five|six|ten|fifteen|twenty|thirty|half\s+an?|\d{1,4})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w))\s+(?:before|earlier|ahead|prior|in\s+advance)\b`,
  'g',
);
/** "remind me the day before", "remind me the night before": a day ahead. */
const DAY_BEFORE = new RegExp(String.raw`\b${LEAD}?\s*(?:on\s+)?the\s+(?:day|night|evening)\s+before\b`, 'g');
const AT = new RegExp(String.raw`\b${LEAD}\s+(?:(?:at|on)\s+)?`, 'g');

/** "remind me 30 min before", "with a reminder 1 hour before", "remind me at 8am", "remind me tomorrow 9am". */
export function readReminders(s: Scanner, ref: Reference, from: number, to: number): ReminderReading[] {
  const out: ReminderReading[] = [];
  BEFORE.lastIndex = from;
  for (let m = BEFORE.exec(s.work); m && m.index < to; m = BEFORE.exec(s.work)) {
    const unit = unitOf(m[2]!) as keyof typeof MINUTES_PER | null;
    if (!unit || !(unit in MINUTES_PER)) continue;
    const n = m[1]!.startsWith('half') ? 0.5 : cardinalOf(m[1]!)!;
    out.push({ minutesBefore: Math.round(n * MINUTES_PER[unit]) });
    consume(s, 'reminders', m.index, m.index + m[0].length);
  }
  DAY_BEFORE.lastIndex = from;
  for (let m = DAY_BEFORE.exec(s.work); m && m.index < to; m = DAY_BEFORE.exec(s.work)) {
    out.push({ minutesBefore: MINUTES_PER.day });
    consume(s, 'reminders', m.index, m.index + m[0].length);
  }
  AT.lastIndex = from;
  for (let m = AT.exec(s.work); m && m.index < to; m = AT.exec(s.work)) {
    const after = m.index + m[0].length;
    const found = dateAt(s.work.slice(after, to), ref);
    if (!found || !found.time) continue;
    out.push({ date: found.date, time: found.time, hasDate: found.hasDate });
    consume(s, 'reminders', m.index, after + found.end);
    AT.lastIndex = after + found.end;
  }
  return out;
}
