import { describe, expect, it } from '@jest/globals';
import { NL_TEXT_MAX, ParseResult } from '@todo/contracts';
import { parse } from './parse.ts';

// Word salad from the grammar's own vocabulary plus hostile characters, from a fixed seed:
// whatever the text, the engine answers in the contract shape with spans that point right.
const WORDS = [
  ...'every each ! on the 1st 31st 99th last friday mon and to - day days week weeks month year other 0 1000 999 3'.split(
    ' ',
  ),
  ...'until till dec 31 june 5 for times after done remind me at 8am before 30 min in hours p1 p5 # #home urgent'.split(
    ' ',
  ),
  ...'tomorrow next tonight end of snooze undo help what due show list delete move rename mark as monthly mondays'.split(
    ' ',
  ),
  ...[
    '🎉',
    'é',
    'ß',
    'İ',
    '中文',
    '\u0000',
    '\n',
    '"',
    "'",
    '?',
    '.',
    'half',
    'an',
    'hour',
    '99999',
    'years',
    // Todoist's vocabulary: times of day in lists, runs, workday ordinals.
    'workday',
    'business',
    'ev',
    '7pm',
    '7:30',
    'twice',
    'a',
    '25th',
    'weekday',
  ],
];

function* wordSalad(count: number): Generator<string> {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(next() * 12);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    yield words.join(next() < 0.2 ? '' : ' ');
  }
}

describe('natural-language engine on hostile input', () => {
  it('never throws, always answers in the contract shape, and its spans point at the text', () => {
    for (const text of wordSalad(1500)) {
      const result = parse(text, { now: new Date('2026-11-26T08:00:00Z'), timezone: 'Europe/Paris' });
      expect(ParseResult.safeParse(result).error).toBeUndefined();
      for (const span of result.spans) expect(result.text.slice(span.start, span.end)).toBe(span.text);
    }
  });

  it('reads long lists of times, long runs and blanked-out stretches without a catastrophic regex', () => {
    const now = new Date('2026-11-26T08:00:00Z');
    const times = `pills every day at ${Array.from({ length: 150 }, (_, i) => `${i % 12 || 12}:${String(i % 60).padStart(2, '0')}pm`).join(', ')}`;
    const spaced = `every day at 7${' '.repeat(NL_TEXT_MAX - 40)}and 9 x`;
    const runs = 'every hour for 9999 years every day for 9999 weeks';
    for (const text of [times.slice(0, NL_TEXT_MAX), spaced, runs, `${'1, '.repeat(600)}every day`]) {
      const result = parse(text, { now, timezone: 'Europe/Paris' });
      expect(ParseResult.safeParse(result).error).toBeUndefined();
    }
  });

  it('reads no due date from absurd numbers', () => {
    const now = new Date('2026-11-26T08:00:00Z');
    for (const text of ['in 99999 years', 'remind me 99999 hours before', '99999 month plan']) {
      expect(parse(text, { now, timezone: 'UTC' }).task?.dueAt).toBeUndefined();
    }
  });

  it('cuts text beyond the maximum instead of reading it', () => {
    const result = parse('x'.repeat(NL_TEXT_MAX + 50), {
      now: new Date('2026-11-26T08:00:00Z'),
      timezone: 'UTC',
    });
    expect(result.text).toHaveLength(NL_TEXT_MAX);
  });
});
