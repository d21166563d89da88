/**
 * A vitest reporter that ends every run with the plain closing line CI reads:
 * `N passed, N failed` (followed by `, N skipped` when some were skipped).
 *
 * Vitest's own summary has another form, so this reporter counts the test cases itself from
 * the finished modules. A module that failed to load counts as one failure, so a syntax
 * error can never turn into "0 failed".
 */
import type { Reporter, TestModule } from 'vitest/node';

/** Counts of finished test cases. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Tallies test cases (and modules that failed before running any test). */
export function countResults(modules: readonly TestModule[], unhandledErrors: number): Counts {
  const counts: Counts = { passed: 0, failed: unhandledErrors, skipped: 0 };
  for (const mod of modules) {
    let seen = 0;
    for (const test of mod.children.allTests()) {
      seen++;
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') counts.failed++;
      else counts.skipped++;
    }
    if (seen === 0 && mod.state() === 'failed') counts.failed++;
  }
  return counts;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    const c = countResults(testModules, unhandledErrors.length);
    const skipped = c.skipped > 0 ? `, ${c.skipped} skipped` : '';
    process.stdout.write(`\n${c.passed} passed, ${c.failed} failed${skipped}\n`);
  }
}
