import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { loss, lossAndGradient } from '../../src/core/kernel.js';
import { centralDifference, kinkFreeStep } from '../../src/core/stencil.js';
import { createStreams } from '../../src/core/random.js';
import type { Weights } from '../../src/core/layout.js';

const EPS = Number.EPSILON;

function perturbed(W: Weights, scale: number, seed: number): Weights {
  const s = createStreams(seed).stream('spec-perturb');
  return { ...W, data: W.data.map((v) => v + scale * s.normal()) };
}

describe('empirical loss and gradient (eq. 1.2, 3.2)', () => {
  it.each([
    [5, 2, 50, 1],
    [10, 5, 400, 2],
    [20, 7, 300, 3],
  ])('gradient equals the kink-free central difference (d=%i K=%i N=%i seed=%i)', (d, K, N, seed) => {
    const inst = makeInstance({ d, K, kappa: 2, N, noiseStd: 0.3, seed });
    const W = perturbed(inst.Wstar, 0.3, seed);
    const grad = new Float64Array(d * K);
    lossAndGradient(inst.data, W, grad);
    const dirs = createStreams(seed).stream('spec-directions');
    for (let trial = 0; trial < 5; trial++) {
      const U = dirs.fillNormal(new Float64Array(d * K));
      const h = kinkFreeStep(inst.data, W, U, 0.5);
      expect(h).toBeGreaterThan(0);
      const fd = centralDifference((V) => loss(inst.data, V), W, U, h);
      let analytic = 0;
      let scale = 0;
      for (let q = 0; q < U.length; q++) {
        analytic += grad[q] * U[q];
        scale += Math.abs(grad[q] * U[q]);
      }
      // Inside the stencil L is an exact quadratic, so the difference is exact but for
      // rounding: each loss carries relative error about (d + K) eps, and the difference
      // divides it by 2h; the analytic inner product has error about dK eps * scale.
      const L0 = loss(inst.data, W);
      const tol = (8 * (d + K) * EPS * L0) / h + 8 * d * K * EPS * scale;
      expect(Math.abs(fd - analytic)).toBeLessThanOrEqual(tol);
    }
  });

  it('the noiseless gradient at W* is exactly zero, and the loss is exactly zero', () => {
    const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 2000, seed: 4 });
    const grad = new Float64Array(50).fill(1);
    expect(lossAndGradient(inst.data, inst.Wstar, grad)).toBe(0);
    expect(Array.from(grad).every((g) => g === 0)).toBe(true);
  });

  it('loss() agrees with lossAndGradient() to the last bit', () => {
    const inst = makeInstance({ d: 8, K: 3, kappa: 3, N: 500, noiseStd: 0.1, seed: 9 });
    const W = perturbed(inst.Wstar, 0.2, 9);
    expect(loss(inst.data, W)).toBe(lossAndGradient(inst.data, W, new Float64Array(24)));
  });
});
