import { evaluate, evaluationTable, loadCorpus } from '@todo/nl/testing';

/**
 * `npm run eval:nl`: runs the corpus of phrases through the natural-language engine and
 * prints accuracy per field and overall; exits non-zero below the 97 % target.
 */
const TARGET = 0.97;
const result = evaluate(loadCorpus());
console.log(evaluationTable(result));
for (const miss of result.misses) {
  console.log(
    `\nMISS ${JSON.stringify(miss.text)} ${miss.field}\n  expected ${JSON.stringify(miss.expected)}\n  actual   ${JSON.stringify(miss.actual)}`,
  );
}
const overall = result.fullyRight / result.phrases;
console.log(
  `\noverall: ${(overall * 100).toFixed(1)} % of ${result.phrases} phrases fully right (target ${TARGET * 100} %)`,
);
if (overall < TARGET) process.exitCode = 1;
