// Writes the run's test counts to the file named by MINSHENG_TEST_COUNTS, so .ci/run can add
// up several runs into its one summary line. Plain CommonJS: Jest loads reporters untransformed.
const fs = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.MINSHENG_TEST_COUNTS;
    if (!file) return;
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(file, JSON.stringify(counts) + '\n');
  }
}

module.exports = CountReporter;
