import { describe, expect, it } from '@jest/globals';
import { ParseResult, Recurrence, rruleProblem } from '@todo/contracts';
import { loadCorpus } from './testing/corpus.ts';
import { evaluate } from './testing/evaluate.ts';
import { parse } from './parse.ts';

const corpus = loadCorpus();
const results = corpus.cases.map((c) =>
  parse(c.text, {
    now: new Date(c.now ?? corpus.reference.now),
    timezone: c.timezone ?? corpus.reference.timezone,
    lists: corpus.reference.lists ?? [],
  }),
);

describe('natural-language corpus', () => {
  it('has at least 150 phrases', () => expect(corpus.cases.length).toBeGreaterThanOrEqual(150));

  it('gets at least 97 % of the phrases fully right', () => {
    const e = evaluate(corpus);
    expect(e.misses).toEqual([]); // shows what broke; the threshold below is the contract
    expect(e.fullyRight / e.phrases).toBeGreaterThanOrEqual(0.97);
  });

  it('answers in the contract shape for every phrase', () => {
    for (const r of results) expect(ParseResult.safeParse(r).error).toBeUndefined();
  });

  it('produces only RRULEs that contracts accept (no DTSTART, valid parts)', () => {
    const rules = results.flatMap((r) => (r.task?.recurrence ? [r.task.recurrence] : []));
    expect(rules.length).toBeGreaterThan(40);
    for (const rule of rules) {
      expect([rule.rrule, rruleProblem(rule.rrule)]).toEqual([rule.rrule, null]);
      expect(Recurrence.safeParse(rule).success).toBe(true);
    }
  });

  it('points each span at the text that produced it, without overlaps', () => {
    for (const r of results) {
      let end = 0;
      for (const span of r.spans) {
        expect(r.text.slice(span.start, span.end)).toBe(span.text);
        expect(span.start).toBeGreaterThanOrEqual(end);
        end = span.end;
      }
    }
  });

  it('gives a recurring or reminded task a due date, as the decider requires', () => {
    for (const r of results) {
      const needsDue = r.task?.recurrence || r.task?.reminders?.some((x) => 'minutesBefore' in x);
      if (needsDue && r.intent === 'create_task')
        expect([r.text, r.task?.dueAt]).toEqual([r.text, expect.any(String)]);
    }
  });
});
