import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Specs import the TypeScript sources directly; tests that start worker threads or child
// processes use the compiled dist/ (built by `pretest`).
export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    reporters: ['default', './spec/support/summaryReporter.ts'],
    // Properties run many random instances; a single test may legitimately take tens of
    // seconds. The suite's total budget is kept by numRuns per tier, not by timeouts.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default in run mode is one worker fewer than the cores: on this project's 2-core
    // machines that is a single worker and a serial suite (203 s; 165 s with both, measured
    // under load). The spec files are independent processes, so use every core.
    maxWorkers: availableParallelism(),
  },
});
