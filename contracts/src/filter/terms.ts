import {
  FILTER_MAX_DAYS,
  PRIORITY_OF_LEVEL,
  type DateField,
  type DateRelation,
  type FilterError,
  type FilterTerm,
} from './ast.ts';

/** What a term may be, as an error message lists it. */
export const TERM_FORMS = [
  'today',
  'tomorrow',
  'overdue',
  'no date',
  'N days',
  'due before: <date>',
  'due after: <date>',
  'created before: <date>',
  'p1-p4',
  '@label',
  'no labels',
  '#list',
  'search: <text>',
  'recurring',
  'completed',
];

const LABEL = /^@([^\s#,@]{1,40})$/u;
const LIST = /^#([^#,]{1,100})$/u;
const DAYS = /^(?:next\s+)?(\d{1,6})\s+days?$/u;
const DATE_TERM = /^(due|created)\s*(before|after|on)?\s*:\s*/u;
const SEARCH = /^search\s*:\s*/u;

type Classified = { ok: true; term: FilterTerm } | { ok: false; error: FilterError };

const fail = (position: number, message: string, expected: string[] = TERM_FORMS): Classified => ({
  ok: false,
  error: { kind: 'syntax', position, expected, message },
});

/**
 * Reads one term: `raw` is the text between operators, `start` its offset in the filter.
 * Keywords are case-insensitive and spaces between their words are free.
 */
export function classifyTerm(raw: string, start: number): Classified {
  const end = start + raw.length;
  const span = { start, end };
  const words = raw.toLowerCase().split(/\s+/u).join(' ');
  switch (words) {
    case 'today':
      return { ok: true, term: { kind: 'today', ...span } };
    case 'tomorrow':
      return { ok: true, term: { kind: 'tomorrow', ...span } };
    case 'overdue':
    case 'over due':
      return { ok: true, term: { kind: 'overdue', ...span } };
    case 'no date':
    case 'no due date':
      return { ok: true, term: { kind: 'noDate', ...span } };
    case 'no labels':
    case 'no label':
      return { ok: true, term: { kind: 'noLabels', ...span } };
    case 'recurring':
      return { ok: true, term: { kind: 'recurring', ...span } };
    case 'completed':
    case 'done':
      return { ok: true, term: { kind: 'completed', ...span } };
    case 'p1':
    case 'p2':
    case 'p3':
    case 'p4': {
      const level = Number(words[1]) as 1 | 2 | 3 | 4;
      return { ok: true, term: { kind: 'priority', level, priority: PRIORITY_OF_LEVEL[level], ...span } };
    }
  }
  const days = DAYS.exec(words);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > FILTER_MAX_DAYS)
      return fail(start, `"${raw}": the number of days must be 1 to ${FILTER_MAX_DAYS}`, [
        `1-${FILTER_MAX_DAYS} days`,
      ]);
    return { ok: true, term: { kind: 'nextDays', days: n, ...span } };
  }
  const label = LABEL.exec(raw);
  if (label) return { ok: true, term: { kind: 'label', name: label[1]!.toLowerCase(), ...span } };
  if (raw.startsWith('@'))
    return fail(
      start,
      `"${raw}" is not a label: a label is @ and up to 40 characters without spaces, commas, # or @`,
      ['@label'],
    );
  const list = LIST.exec(raw);
  if (list) return { ok: true, term: { kind: 'list', name: list[1]!.trim(), ...span } };
  const search = SEARCH.exec(raw.toLowerCase());
  if (search) {
    const text = raw.slice(search[0].length);
    if (!/[\p{L}\p{N}]/u.test(text))
      return fail(start + search[0].length, 'search: needs at least one letter or digit', ['search text']);
    return { ok: true, term: { kind: 'search', text, ...span } };
  }
  const date = DATE_TERM.exec(raw.toLowerCase());
  if (date) {
    const text = raw.slice(date[0].length);
    const textStart = start + date[0].length;
    const head = [date[1], date[2]].filter(Boolean).join(' ');
    if (text.length === 0) return fail(textStart, `${head}: needs a date`, ['a date']);
    const field = date[1] as DateField;
    const relation = (date[2] ?? 'on') as DateRelation;
    return { ok: true, term: { kind: 'date', field, relation, text, textStart, ...span } };
  }
  return fail(start, `unknown term "${raw}"`);
}
