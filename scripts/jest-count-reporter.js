// Appends each Jest run's totals to $TEST_COUNTS_FILE so .ci/run can print one closing
// "N passed, N failed" line for all of its suites.
import { appendFileSync } from 'node:fs';

export default class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TEST_COUNTS_FILE;
    if (!file) return;
    const line = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}
