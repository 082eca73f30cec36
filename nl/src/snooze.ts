import { dateAt, findDate } from './dates.ts';
import { isoOf, localIso, type Reference } from './local-time.ts';
import { consume, type Scanner } from './scanner.ts';
import { cardinalOf, MINUTES_PER, unitOf } from './vocabulary.ts';

export const DEFAULT_SNOOZE_MINUTES = 10;

const FOR =
  /\b(?:for\s+|by\s+|in\s+)?(a|an|one|two|three|five|ten|fifteen|twenty|thirty|half\s+an?|\d{1,4})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/g;
const UNTIL = /\b(?:until|till|til|to|for)\s+/g;

/** "snooze x for 10 minutes", "snooze x until 5pm", "snooze x to tomorrow": when to fire again. */
export function readSnooze(s: Scanner, ref: Reference, from: number, to: number): string {
  FOR.lastIndex = from;
  const m = FOR.exec(s.work);
  if (m && m.index < to) {
    const unit = unitOf(m[2]!) as keyof typeof MINUTES_PER;
    const n = m[1]!.startsWith('half') ? 0.5 : cardinalOf(m[1]!)!;
    consume(s, 'snooze', m.index, m.index + m[0].length);
    return isoOf(ref.now.plus({ minutes: Math.round(n * MINUTES_PER[unit]) }));
  }
  UNTIL.lastIndex = from;
  for (let u = UNTIL.exec(s.work); u && u.index < to; u = UNTIL.exec(s.work)) {
    const after = u.index + u[0].length;
    const found = dateAt(s.work.slice(after, to), ref);
    if (!found) continue;
    consume(s, 'snooze', u.index, after + found.end);
    return localIso(ref, found.date, found.time ?? { hour: 9, minute: 0 });
  }
  const region = ' '.repeat(from) + s.work.slice(from, to);
  const found = findDate(region, ref);
  if (found) {
    consume(s, 'snooze', found.start, found.end);
    if (found.exactMillis !== undefined)
      return isoOf(ref.now.plus({ milliseconds: found.exactMillis - ref.now.toMillis() }));
    return localIso(ref, found.date, found.time ?? { hour: 9, minute: 0 });
  }
  return isoOf(ref.now.plus({ minutes: DEFAULT_SNOOZE_MINUTES }));
}
