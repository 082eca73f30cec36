import { evaluate, evaluationTable, loadCorpus, loadHeldOut, type Evaluation } from '@todo/nl/testing';

/**
 * `npm run eval:nl`: runs the corpus of phrases through the natural-language engine and
 * prints accuracy per field and overall; exits non-zero below the 97 % target. The held-out
 * phrases (written blind, never tuned against) are printed too, with their misses, but do
 * not decide the exit code: they measure, they are not a target.
 */
const TARGET = 0.97;

function report(title: string, result: Evaluation): number {
  console.log(`## ${title}\n\n${evaluationTable(result)}`);
  for (const miss of result.misses) {
    console.log(
      `\nMISS ${JSON.stringify(miss.text)} ${miss.field}\n  expected ${JSON.stringify(miss.expected)}\n  actual   ${JSON.stringify(miss.actual)}`,
    );
  }
  const overall = result.fullyRight / result.phrases;
  console.log(`\n${title}: ${(overall * 100).toFixed(1)} % of ${result.phrases} phrases fully right\n`);
  return overall;
}

const heldOut = report('held-out phrases (never tuned against)', evaluate(loadHeldOut()));
const overall = report('corpus', evaluate(loadCorpus()));
console.log(
  `corpus ${(overall * 100).toFixed(1)} % (target ${TARGET * 100} %); held-out ${(heldOut * 100).toFixed(1)} %`,
);
if (overall < TARGET) process.exitCode = 1;
