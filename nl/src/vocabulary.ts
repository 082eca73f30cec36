import { WEEKDAY_CODES, type WeekdayCode } from '@todo/contracts';

/** Words the grammar knows, in lower case: weekdays, months, numbers and ordinals. */

const WEEKDAY_WORDS: Record<string, WeekdayCode> = {};
const weekdayNames: [WeekdayCode, string[]][] = [
  ['MO', ['monday', 'mon', 'mondays']],
  ['TU', ['tuesday', 'tue', 'tues', 'tuesdays']],
  ['WE', ['wednesday', 'wed', 'weds', 'wednesdays']],
  ['TH', ['thursday', 'thu', 'thur', 'thurs', 'thursdays']],
  ['FR', ['friday', 'fri', 'fridays']],
  ['SA', ['saturday', 'sat', 'saturdays']],
  ['SU', ['sunday', 'sun', 'sundays']],
];
for (const [code, words] of weekdayNames) for (const w of words) WEEKDAY_WORDS[w] = code;

export function weekdayOf(word: string | undefined): WeekdayCode | null {
  return (word && WEEKDAY_WORDS[word]) || null;
}

/** 1 = Monday … 7 = Sunday, like luxon and ISO 8601. */
export const isoWeekday = (code: WeekdayCode): number => WEEKDAY_CODES.indexOf(code) + 1;

const MONTH_WORDS: Record<string, number> = {};
const monthNames = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];
monthNames.forEach((words, i) => words.forEach((w) => (MONTH_WORDS[w] = i + 1)));

export function monthOf(word: string | undefined): number | null {
  return (word && MONTH_WORDS[word]) || null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  other: 2,
};

/** "3", "three", "a" → a cardinal number. */
export function cardinalOf(word: string | undefined): number | null {
  if (!word) return null;
  if (/^\d{1,4}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
};

/** "1st", "15th", "first", "last" → 1, 15, 1, -1. */
export function ordinalOf(word: string | undefined): number | null {
  if (!word) return null;
  const m = /^(\d{1,2})(st|nd|rd|th)$/.exec(word);
  if (m) return Number(m[1]);
  return ORDINAL_WORDS[word] ?? null;
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNIT_WORDS: Record<string, DurationUnit> = {
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  mo: 'month',
  y: 'year',
  yr: 'year',
  yrs: 'year',
  year: 'year',
  years: 'year',
};

export function unitOf(word: string | undefined): DurationUnit | null {
  return (word && UNIT_WORDS[word]) || null;
}

export const MINUTES_PER: Record<'minute' | 'hour' | 'day' | 'week', number> = {
  minute: 1,
  hour: 60,
  day: 1440,
  week: 10080,
};
