import { describe, expect, it } from 'vitest';
import { empiricalHessian } from '../../src/core/empiricalHessian.js';
import { makeInstance } from '../../src/core/instance.js';
import { lossAndGradient } from '../../src/core/kernel.js';
import { createStreams } from '../../src/core/random.js';
import { kinkFreeStep } from '../../src/core/stencil.js';

describe('empiricalHessian (Gauss-Newton = exact Hessian of L_N away from kinks)', () => {
  it.each([1, 2])('H U equals the central difference of the gradient along U (seed %i)', (seed) => {
    const d = 6;
    const K = 3;
    const inst = makeInstance({ d, K, kappa: 2, N: 400, noiseStd: 0.3, seed });
    const s = createStreams(seed).stream('spec-direction');
    const W = { d, K, data: inst.Wstar.data.map((v) => v + 0.2 * s.normal()) };
    const U = s.fillNormal(new Float64Array(d * K));
    const h = kinkFreeStep(inst.data, W, U);
    const n = d * K;
    const H = empiricalHessian(inst.data, W);
    const gp = new Float64Array(n);
    const gm = new Float64Array(n);
    const at = (sign: number) => ({ d, K, data: W.data.map((v, q) => v + sign * h * U[q]) });
    lossAndGradient(inst.data, at(1), gp);
    lossAndGradient(inst.data, at(-1), gm);
    // Rounding bound: each gradient entry is a sum of N terms |r_i x_ij| / N, so its error is
    // at most (N + n) eps S with S the mean absolute term; the difference quotient divides two
    // such errors by 2h. S <= max |r| max |x| is a cheap upper bound of the mean.
    const { X, y } = inst.data;
    const maxX = Math.max(...X.map(Math.abs));
    const maxR = Math.max(...y.map(Math.abs)) + n * maxX * Math.max(...W.data.map(Math.abs)) * 2;
    const tol = ((400 + n) * Number.EPSILON * maxR * maxX) / h;
    for (let r = 0; r < n; r++) {
      let hu = 0;
      for (let c = 0; c < n; c++) hu += H[r * n + c] * U[c];
      const fd = (gp[r] - gm[r]) / (2 * h);
      if (Math.abs(hu - fd) > tol) {
        throw new Error(`seed ${seed}, entry ${r}: H U = ${hu}, central difference ${fd}, difference ${Math.abs(hu - fd)}, tolerance ${tol} (h = ${h})`);
      }
    }
    // Symmetric by construction; a wrong mirror would break it.
    for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) expect(H[r * n + c]).toBe(H[c * n + r]);
  });
});
