// @ts-check
/**
 * Mutation testing of the numerical core the claims are about (issue 14; docs/mutation.md).
 * `npm run mutation` runs it; `-- --mutate <file>` narrows it. Incremental: results are kept in
 * mutation/stryker-incremental.json (committed), so a rerun only tests mutants whose code or
 * covering specs changed. The HTML report goes to mutation/report/ (not committed).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/core/kernel.ts',
    'src/core/kernels/specialized.ts',
    'src/core/gd.ts',
    'src/core/population/**/*.ts',
    'src/core/tensor/**/*.ts',
    'src/core/alignedError.ts',
    'src/core/hungarian.ts',
    'src/core/instance.ts',
  ],
  incremental: true,
  incrementalFile: 'mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'mutation/report/index.html' },
  jsonReporter: { fileName: 'mutation/report/mutation.json' },
  concurrency: 2,
  // A mutant that makes a claim loop (e.g. a GD that never stops) is killed by timeout. Stryker
  // waits 1.5 x the covering tests' dry-run time (3-5 s) + timeoutMS, so 20 s is 4x a normal
  // run even at load 14 on 2 cores; 60 s made each of hungarian.ts's 29 hung loops cost a minute.
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
