import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseFilter } from './parse-filter.ts';
import { sexprOfQuery } from './testing-sexpr.ts';

// The parser is total: whatever is typed into the filter box, it answers (never throws), and
// a refusal points inside the text. Fixed seeds, so a run is reproducible.

const ALPHABET = [
  '&',
  '|',
  '!',
  '(',
  ')',
  ',',
  ' ',
  'p1',
  'today',
  '@',
  '#',
  'search:',
  'due before:',
  'x',
  '7',
  'days',
];

describe('the filter parser on any input', () => {
  it('given random text, when parsed, then it answers and an error lies within the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => {
        const result = parseFilter(text);
        if (!result.ok) {
          expect(result.error.position).toBeGreaterThanOrEqual(0);
          expect(result.error.position).toBeLessThanOrEqual(Math.max(text.length, 500));
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 1201, numRuns: 500 },
    );
  });

  it('given random sequences of filter tokens, when parsed, then it answers and spans lie within the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (tokens) => {
        const text = tokens.join(' ');
        const result = parseFilter(text);
        if (result.ok)
          for (const group of result.query.groups) {
            expect(group.start).toBeGreaterThanOrEqual(0);
            expect(group.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(group.start, group.end)).toBe(group.text);
          }
        else expect(result.error.position).toBeLessThanOrEqual(text.length);
      }),
      { seed: 1202, numRuns: 500 },
    );
  });

  it('given a parsed filter, when its groups are parsed again on their own, then they mean the same', () => {
    const text = '(today | overdue) & !p4, @work & search: pay rent, due before: next friday';
    const result = parseFilter(text);
    if (!result.ok) throw new Error(result.error.message);
    const again = result.query.groups.map((g) => {
      const one = parseFilter(g.text);
      if (!one.ok) throw new Error(one.error.message);
      return sexprOfQuery(one.query);
    });
    expect(again.join(' , ')).toBe(sexprOfQuery(result.query));
  });
});
