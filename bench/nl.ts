import { parse } from '@todo/nl';
import { evaluate, evaluationTable, loadCorpus } from '@todo/nl/testing';

const ROUNDS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The natural-language engine: time per parse over every corpus phrase (after a warm-up
 * round, since chrono-node compiles its patterns on first use), and the corpus accuracy.
 */
export async function run(): Promise<string> {
  const corpus = loadCorpus();
  const inputs = corpus.cases.map((c) => ({
    text: c.text,
    options: {
      now: new Date(c.now ?? corpus.reference.now),
      timezone: c.timezone ?? corpus.reference.timezone,
    },
  }));
  for (const i of inputs) parse(i.text, i.options);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of inputs) {
      const t0 = performance.now();
      parse(i.text, i.options);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const evaluation = evaluate(corpus);
  return [
    '## Natural-language engine',
    '',
    `${times.length} parses (${inputs.length} corpus phrases × ${ROUNDS} rounds, after one warm-up round), one thread:`,
    '',
    '| p50 | p99 | max | target p99 |',
    '| --- | --- | --- | --- |',
    `| ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(times.at(-1)!)} | ≤ 5 ms |`,
    '',
    `Corpus accuracy (\`npm run eval:nl\`, ${evaluation.phrases} phrases, target ≥ 97 % fully right):`,
    '',
    evaluationTable(evaluation),
    '',
  ].join('\n');
}
