import { defineConfig } from 'vitest/config';

// The specs StrykerJS runs against each mutant of the numerical core (docs/mutation.md).
// Only the user-facing verdicts: every claim on the reference, and the NumPy fixtures on the
// reference. A mutant these kill is a bug a user's implementation with the same mistake would
// be told about; unit specs of relucheck's internals (spec/core, spec/population) are left out
// on purpose, so the score measures the harness a user gets, not our own test coverage.
// fallbackKernel.spec.ts runs the GD claims and fixtures on the reference's WebAssembly-free
// path (kernels/specialized.ts), which the default reference never takes; denseHessians.spec.ts
// checks the core's dense Hessians (the audit's curvature and theory curves) on hessian.json.
export default defineConfig({
  test: {
    include: ['spec/properties/claims.spec.ts', 'spec/properties/fallbackKernel.spec.ts', 'spec/fixtures/reference.spec.ts', 'spec/fixtures/denseHessians.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
