import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The NumPy library in examples/python is the independent implementation the golden fixtures
// come from; its own checks (finite differences, Monte Carlo, mpmath limits) must stay green.
describe('independent NumPy implementation', () => {
  it.each([
    ['examples/python/test_relu_numpy.py'],
    // Tensor initialization: exact recovery from population moments, the He4 contraction
    // against brute force, unbiased moment estimators, determinism.
    ['examples/python/test_tensor_init_numpy.py'],
  ])('passes its self-test (%s)', (script) => {
    const run = spawnSync('python3', [script], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
      timeout: 110_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.error, output).toBeUndefined();
    expect(run.status, output).toBe(0);
    expect(output).toContain('all checks passed');
  });
});
