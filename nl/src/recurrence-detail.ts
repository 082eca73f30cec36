import { WEEKDAY_CODES, type RuleSpec, type WeekdayCode } from '@todo/contracts';
import type { Token } from './scanner.ts';
import { cardinalOf, monthOf, ordinalOf, weekdayOf } from './vocabulary.ts';

// The details a repeating schedule may carry, read by the grammar in recurrence-grammar.ts:
// weekday lists, days of the month, month-and-day. Each reads at a cursor over the tokens and
// moves it past what it read (or leaves it where it was).
export interface Cursor {
  toks: Token[];
  i: number;
}

export const peek = (c: Cursor, k = 0) => c.toks[c.i + k]?.text;
export function accept(c: Cursor, ...words: string[]): boolean {
  if (words.includes(peek(c) ?? '')) {
    c.i++;
    return true;
  }
  return false;
}

/** "mon and thu", "monday, wednesday, friday", "monday to friday", "mon-fri". */
export function weekdayList(c: Cursor): WeekdayCode[] | null {
  const first = weekdayOf(peek(c));
  if (!first) return null;
  c.i++;
  const rangeWord = peek(c);
  if (rangeWord && ['to', 'through', 'thru', 'till', 'until', '-'].includes(rangeWord)) {
    const last = weekdayOf(peek(c, 1));
    if (last) {
      c.i += 2;
      const a = WEEKDAY_CODES.indexOf(first);
      const b = WEEKDAY_CODES.indexOf(last);
      const days: WeekdayCode[] = [];
      for (let k = a; ; k = (k + 1) % 7) {
        days.push(WEEKDAY_CODES[k]!);
        if (k === b) break;
      }
      return days;
    }
  }
  const days = [first];
  for (;;) {
    const save = c.i;
    const sep = accept(c, ',', 'and', '&', '/');
    if (sep) accept(c, 'and');
    const next = weekdayOf(peek(c));
    if (!sep || !next) {
      c.i = save;
      break;
    }
    c.i++;
    if (!days.includes(next)) days.push(next);
  }
  return days.sort((x, y) => WEEKDAY_CODES.indexOf(x) - WEEKDAY_CODES.indexOf(y));
}

/** "of the month", "of every month", "of each month", "a month". */
export function ofTheMonth(c: Cursor): boolean {
  const save = c.i;
  if (accept(c, 'of', 'in')) {
    accept(c, 'the', 'every', 'each');
    if (accept(c, 'month')) return true;
  }
  c.i = save;
  return false;
}

/** After "month": "on the 15th", "on the last friday", "on the last day". */
export function monthlyDetail(c: Cursor, parts: RuleSpec): void {
  const save = c.i;
  if (!accept(c, 'on')) return;
  accept(c, 'the');
  if (!dayOfMonth(c, parts)) c.i = save;
}

export const WORKDAYS: WeekdayCode[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

/** How many tokens at offset k name a working day: "workday", "weekday", "business day"… */
function workdayWords(c: Cursor, k: number): number {
  const t = peek(c, k);
  if (t === 'workday' || t === 'workdays' || t === 'weekday' || t === 'weekdays') return 1;
  const twoWords =
    (t === 'work' || t === 'business' || t === 'working') && ['day', 'days'].includes(peek(c, k + 1) ?? '');
  return twoWords ? 2 : 0;
}

const SEPARATORS = ['and', ',', '&'];

/** "1st and 15th workday" at offset k: the positions and the offset after "workday". */
function workdayGroup(c: Cursor, k: number): { positions: number[]; next: number } | null {
  const positions: number[] = [];
  for (let j = k; ; j += 2) {
    const ord = ordinalOf(peek(c, j));
    if (ord === null || (ord !== -1 && ord > 31)) return null;
    positions.push(ord);
    const words = workdayWords(c, j + 1);
    if (words > 0) return { positions, next: j + 1 + words };
    if (!SEPARATORS.includes(peek(c, j + 1) ?? '')) return null;
  }
}

/**
 * "1st workday", "last business day", "15th workday, last workday", "1st and 15th working
 * day": positions among the month's working days, as BYDAY=MO..FR with BYSETPOS.
 */
function workdayOrdinals(c: Cursor, parts: RuleSpec): boolean {
  const first = workdayGroup(c, 0);
  if (!first) return false;
  const positions = [...first.positions];
  let end = first.next;
  for (;;) {
    let k = end;
    if (!SEPARATORS.includes(peek(c, k) ?? '')) break;
    k++;
    if (peek(c, k) === 'and') k++;
    const more = workdayGroup(c, k);
    if (!more) break;
    positions.push(...more.positions);
    end = more.next;
  }
  c.i += end;
  parts.byDay = WORKDAYS.map((weekday) => ({ weekday }));
  // In reading order (15th before last), as the rule is said back.
  parts.bySetPos = [...new Set(positions)].sort((x, y) => (x > 0 === y > 0 ? x - y : y - x));
  return true;
}

/** "15th", "last day", "first monday", "2nd tuesday" → BYMONTHDAY or BYDAY with a position. */
export function dayOfMonth(c: Cursor, parts: RuleSpec): boolean {
  const ord = ordinalOf(peek(c));
  if (ord === null) return false;
  if (workdayOrdinals(c, parts)) return true;
  // "2nd and 4th thursday", "1st and 15th"
  const more: number[] = [];
  let k = 1;
  while (['and', ',', '&'].includes(peek(c, k) ?? '') && ordinalOf(peek(c, k + 1)) !== null) {
    more.push(ordinalOf(peek(c, k + 1))!);
    k += 2;
  }
  if (more.length > 0) {
    const all = [ord, ...more];
    const wd = weekdayOf(peek(c, k));
    if (wd && all.every((n) => Math.abs(n) <= 5)) {
      c.i += k + 1;
      parts.byDay = all.map((nth) => ({ weekday: wd, nth }));
      return true;
    }
    if (!wd && all.every((n) => n >= 1 && n <= 31)) {
      c.i += k;
      accept(c, 'day', 'days');
      parts.byMonthDay = [...new Set(all)].sort((a, b) => a - b);
      return true;
    }
  }
  const wd = weekdayOf(peek(c, 1));
  if (wd && Math.abs(ord) <= 5) {
    c.i += 2;
    parts.byDay = [{ weekday: wd, nth: ord }];
    return true;
  }
  if (ord === -1 && peek(c, 1) === 'day') {
    c.i += 2;
    parts.byMonthDay = [-1];
    return true;
  }
  if (ord >= 1 && ord <= 31) {
    c.i++;
    accept(c, 'day');
    parts.byMonthDay = [ord];
    return true;
  }
  return false;
}

/** "june 5", "june 5th", "5 june", "5th of june", "the 5th of june". */
export function monthAndDay(c: Cursor): { month: number; day: number } | null {
  const save = c.i;
  accept(c, 'the');
  const month = monthOf(peek(c));
  if (month) {
    const day = cardinalOf(peek(c, 1)) ?? ordinalOf(peek(c, 1));
    if (day && day >= 1 && day <= 31 && /^\d/.test(peek(c, 1)!)) {
      c.i += 2;
      return { month, day };
    }
  }
  const day = /^\d/.test(peek(c) ?? '') ? (cardinalOf(peek(c)) ?? ordinalOf(peek(c))) : null;
  if (day && day >= 1 && day <= 31) {
    const k = peek(c, 1) === 'of' ? 2 : 1;
    const m = monthOf(peek(c, k));
    if (m) {
      c.i += k + 1;
      return { month: m, day };
    }
  }
  c.i = save;
  return null;
}

export function weeklyDays(c: Cursor, parts: RuleSpec): void {
  const save = c.i;
  accept(c, 'on');
  const days = weekdayList(c);
  if (days) parts.byDay = days.map((weekday) => ({ weekday }));
  else c.i = save;
}
