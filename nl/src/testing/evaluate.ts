import type { ParseResult } from '@todo/contracts';
import type { Corpus, CorpusCase } from './corpus.ts';
import { parse } from '../parse.ts';

export const EVAL_FIELDS = [
  'intent',
  'title',
  'dueAt',
  'allDay',
  'priority',
  'tags',
  'listId',
  'recurrence',
  'reminders',
  'target',
  'filter',
  'snooze',
] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

function fieldOf(r: CorpusCase['expect'], field: EvalField): unknown {
  switch (field) {
    case 'intent':
    case 'target':
    case 'filter':
    case 'snooze':
      return r[field];
    default:
      return r.task?.[field];
  }
}

/** Key order must not matter: {a,b} equals {b,a}. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export interface Miss {
  text: string;
  field: EvalField;
  expected: unknown;
  actual: unknown;
}

export interface Evaluation {
  phrases: number;
  fullyRight: number;
  /** Per field: phrases where the expectation or the result has the field, and how many match. */
  fields: Record<EvalField, { right: number; total: number }>;
  misses: Miss[];
}

/** Runs every phrase of the corpus through the engine and compares field by field. */
export function evaluate(corpus: Corpus): Evaluation {
  const fields = Object.fromEntries(
    EVAL_FIELDS.map((f) => [f, { right: 0, total: 0 }]),
  ) as Evaluation['fields'];
  const misses: Miss[] = [];
  let fullyRight = 0;
  for (const c of corpus.cases) {
    const actual: ParseResult = parse(c.text, {
      now: new Date(c.now ?? corpus.reference.now),
      timezone: c.timezone ?? corpus.reference.timezone,
      lists: corpus.reference.lists ?? [],
    });
    let allRight = true;
    for (const field of EVAL_FIELDS) {
      const want = fieldOf(c.expect, field);
      const got = fieldOf(actual, field);
      if (want === undefined && got === undefined) continue;
      fields[field].total++;
      if (canonical(want) === canonical(got)) fields[field].right++;
      else {
        allRight = false;
        misses.push({ text: c.text, field, expected: want, actual: got });
      }
    }
    if (allRight) fullyRight++;
  }
  return { phrases: corpus.cases.length, fullyRight, fields, misses };
}

const pct = (right: number, total: number) => (total === 0 ? '—' : `${((100 * right) / total).toFixed(1)} %`);

/** The evaluation as a markdown table (used by `npm run eval:nl` and the benchmark report). */
export function evaluationTable(e: Evaluation): string {
  const rows = EVAL_FIELDS.map(
    (f) =>
      `| ${f} | ${e.fields[f].right}/${e.fields[f].total} | ${pct(e.fields[f].right, e.fields[f].total)} |`,
  );
  return [
    '| field | right | accuracy |',
    '| --- | --- | --- |',
    ...rows,
    `| **overall (phrases fully right)** | ${e.fullyRight}/${e.phrases} | **${pct(e.fullyRight, e.phrases)}** |`,
  ].join('\n');
}
