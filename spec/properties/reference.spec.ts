/**
 * Regressions found by the property suite on the reference implementation.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { referenceImplementation } from '../../src/impl/reference.js';

describe('reference implementation regressions', () => {
  it('GD from W* without noise still returns iterations + 1 losses (gd-consistency, thorough tier)', async () => {
    // Shrunk counterexample of seeds 2823943735 and 1183412200: the loss is exactly 0 at W*,
    // where core/gd.ts stops at once.
    const inst = makeInstance({ d: 2, K: 1, kappa: 1, N: 10, noiseStd: 0, seed: 0 });
    const run = await referenceImplementation().gradientDescent!(inst.data, { W0: inst.Wstar, eta: 0.1, iterations: 3 });
    expect(Array.from(run.loss)).toEqual([0, 0, 0, 0]);
    expect(Array.from(run.W.data)).toEqual(Array.from(inst.Wstar.data));
  });
});
