import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import { lossAndGradient } from '../../src/core/kernel.js';
import { kinkFreeStep } from '../../src/core/stencil.js';
import { ValidationError } from '../../src/core/validate.js';
import { populationLoss } from '../../src/core/population/populationLoss.js';
import { populationGradient } from '../../src/core/population/populationGradient.js';
import { populationHessian, populationHvp } from '../../src/core/population/populationHessian.js';
import { monteCarloPopulation } from '../../src/core/population/monteCarloPopulation.js';
import { empiricalHessian, empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import {
  EPS,
  gradientRounding,
  lossRounding,
  perturbed,
  repro,
  shifted,
  unitVector,
} from './support.js';

/**
 * Monte Carlo agreement. Each comparison |closed - MC| <= 4 SE has a two-sided normal tail of
 * 6.3e-5 (the MC mean is a sum of 2e5 i.i.d. terms with finite fourth moments, so the CLT
 * applies well; the SE itself is estimated from the same 2e5 samples, relative error about
 * 1/sqrt(2N) = 0.2%, negligible). Comparisons: 3 losses + 50 + 50 + 18 gradient entries =
 * 121, so by the union bound the whole block false-alarms with probability <= 121 * 6.3e-5
 * = 7.6e-3 per fresh seed; the seeds are fixed, so the verdict is deterministic.
 */
describe('closed-form population loss and gradient vs Monte Carlo (4 SE)', () => {
  const N_MC = 200_000;
  it.each([
    [10, 5, 0, 1, 0.3],
    [10, 5, 0.2, 2, 0.5],
    [6, 3, 0.5, 3, 1.0],
  ])('d=%i K=%i nu=%f seed=%i perturbation=%f', (d, K, nu, seed, scale) => {
    const inst = makeInstance({ d, K, kappa: 2, N: 1, seed });
    const W = perturbed(inst.Wstar, scale, seed);
    const mc = monteCarloPopulation(inst.Wstar, W, nu, N_MC, createStreams(seed).stream('spec-mc'));
    const L = populationLoss(inst.Wstar, W, nu);
    const g = populationGradient(inst.Wstar, W);
    const dl = Math.abs(L - mc.loss);
    expect(dl, repro({ what: 'loss', d, K, nu, seed, closed: L, mc: mc.loss, diff: dl, tol: 4 * mc.lossStdError })).toBeLessThanOrEqual(4 * mc.lossStdError);
    for (let q = 0; q < d * K; q++) {
      const diff = Math.abs(g[q] - mc.gradient[q]);
      const tol = 4 * mc.gradientStdError[q];
      if (!(diff <= tol)) {
        expect.fail(repro({ what: 'gradient', d, K, nu, seed, index: q, closed: g[q], mc: mc.gradient[q], diff, tol }));
      }
    }
  });
});

describe('closed-form population gradient', () => {
  it('is exactly zero at W*, where the noiseless loss is exactly zero and the noisy one nu^2/2', () => {
    for (const seed of [1, 2, 3]) {
      const inst = makeInstance({ d: 12, K: 6, kappa: 3, N: 1, seed });
      const g = populationGradient(inst.Wstar, inst.Wstar, new Float64Array(72).fill(7));
      expect(Array.from(g).every((v) => v === 0), `seed=${seed}`).toBe(true);
      expect(populationLoss(inst.Wstar, inst.Wstar)).toBe(0);
      expect(populationLoss(inst.Wstar, inst.Wstar, 0.3)).toBe(0.5 * 0.3 * 0.3);
    }
  });

  /**
   * Central differences D(h) = (L(W + hu) - L(W - hu)) / (2h) of the closed-form loss.
   * Error budget, all derived:
   * - truncation: D(h) = L' + c h^2 + O(h^4) and D(2h) = L' + 4 c h^2 + O(h^4), so
   *   |c h^2| ~ |D(2h) - D(h)| / 3; we allow twice that for the O(h^4) remainder;
   * - rounding of the differences: 2 eLoss / (2h) per D, eLoss from support.lossRounding;
   * - rounding of g . u: eGrad |u|_1 + n eps sum |g_q u_q|.
   * h = 1e-4 on a unit u balances truncation (h^2 |L'''| ~ 1e-8) against rounding
   * (eLoss / h ~ 1e-9), so the test can resolve relative errors around 1e-8.
   */
  it.each([
    [10, 5, 1],
    [8, 4, 2],
    [20, 7, 3],
  ])('equals central differences of the closed-form loss (d=%i K=%i seed=%i)', (d, K, seed) => {
    const inst = makeInstance({ d, K, kappa: 2, N: 1, seed });
    const W = perturbed(inst.Wstar, 0.4, seed);
    const g = populationGradient(inst.Wstar, W);
    const h = 1e-4;
    const eLoss = lossRounding(inst.Wstar, W);
    const eGrad = gradientRounding(inst.Wstar, W);
    for (let trial = 0; trial < 4; trial++) {
      const u = unitVector(d * K, 100 * seed + trial);
      const D = (step: number) =>
        (populationLoss(inst.Wstar, shifted(W, u, step)) - populationLoss(inst.Wstar, shifted(W, u, -step))) / (2 * step);
      const D1 = D(h);
      const D2 = D(2 * h);
      let gu = 0;
      let abs = 0;
      let u1 = 0;
      for (let q = 0; q < u.length; q++) {
        gu += g[q] * u[q];
        abs += Math.abs(g[q] * u[q]);
        u1 += Math.abs(u[q]);
      }
      const tol = (2 / 3) * Math.abs(D2 - D1) + (2 * eLoss) / h + eGrad * u1 + u.length * EPS * abs;
      const diff = Math.abs(D1 - gu);
      expect(diff, repro({ d, K, seed, trial, fd: D1, analytic: gu, diff, tol })).toBeLessThanOrEqual(tol);
    }
  });

  it('rejects a zero unit and mismatched shapes with a ValidationError', () => {
    const inst = makeInstance({ d: 5, K: 2, kappa: 2, N: 1, seed: 1 });
    const W = perturbed(inst.Wstar, 0.1, 1);
    W.data.fill(0, 5, 10);
    expect(() => populationGradient(inst.Wstar, W)).toThrow(ValidationError);
    expect(() => populationHessian(inst.Wstar, W)).toThrow(/must be non-zero.*unit k = 1/);
    expect(() => populationHvp(inst.Wstar, W, new Float64Array(10))).toThrow(ValidationError);
    // The loss itself is continuous at w = 0 (k(0, v) = 0) and stays defined.
    expect(Number.isFinite(populationLoss(inst.Wstar, W))).toBe(true);
    const other = makeInstance({ d: 5, K: 3, kappa: 2, N: 1, seed: 1 }).Wstar;
    expect(() => populationLoss(inst.Wstar, other)).toThrow(/must have the shape of Wstar/);
    expect(() => populationLoss(inst.Wstar, inst.Wstar, -1)).toThrow(ValidationError);
  });
});

describe('closed-form population Hessian', () => {
  /**
   * Central differences of the closed-form gradient along a unit u against H u, entry by
   * entry, with the same derived budget as for the gradient: (2/3)|D(2h) - D(h)| for
   * truncation, 2 eGrad / h for the differenced gradients' rounding, and for H u a
   * dot-product bound 4 (n + 4 K d) eps sum_r |H_qr u_r| (both ways of forming it).
   */
  it.each([
    [10, 5, 1],
    [8, 4, 2],
    [15, 6, 3],
  ])('equals central differences of the closed-form gradient and is symmetric (d=%i K=%i seed=%i)', (d, K, seed) => {
    const inst = makeInstance({ d, K, kappa: 2, N: 1, seed });
    const W = perturbed(inst.Wstar, 0.4, seed);
    const n = d * K;
    const H = populationHessian(inst.Wstar, W);
    let hmax = 0;
    for (const v of H) hmax = Math.max(hmax, Math.abs(v));
    // Symmetry: blocks are assembled from symmetric rank-one terms; only the order of the
    // products in an entry can differ, at most 2K terms of size <= hmax each.
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < a; b++) {
        const diff = Math.abs(H[a * n + b] - H[b * n + a]);
        if (!(diff <= 8 * K * EPS * hmax)) expect.fail(repro({ what: 'asymmetry', d, K, seed, a, b, diff }));
      }
    }
    const h = 1e-4;
    const eGrad = gradientRounding(inst.Wstar, W);
    for (let trial = 0; trial < 3; trial++) {
      const u = unitVector(n, 100 * seed + trial);
      const D = (step: number) => {
        const gp = populationGradient(inst.Wstar, shifted(W, u, step));
        const gm = populationGradient(inst.Wstar, shifted(W, u, -step));
        return gp.map((v, q) => (v - gm[q]) / (2 * step));
      };
      const D1 = D(h);
      const D2 = D(2 * h);
      const Hu = populationHvp(inst.Wstar, W, u);
      for (let q = 0; q < n; q++) {
        let abs = 0;
        for (let r = 0; r < n; r++) abs += Math.abs(H[q * n + r] * u[r]);
        const tol = (2 / 3) * Math.abs(D2[q] - D1[q]) + (2 * eGrad) / h + 4 * (n + 4 * K * d) * EPS * abs;
        const diff = Math.abs(D1[q] - Hu[q]);
        if (!(diff <= tol)) expect.fail(repro({ d, K, seed, trial, index: q, fd: D1[q], hvp: Hu[q], diff, tol }));
      }
    }
  });

  it('at W* has the block structure E[1 1 x x^T]: I/2 diagonal blocks', () => {
    const inst = makeInstance({ d: 6, K: 3, kappa: 2, N: 1, seed: 5 });
    const H = populationHessian(inst.Wstar, inst.Wstar);
    const n = 18;
    for (let k = 0; k < 3; k++) {
      for (let r = 0; r < 6; r++) {
        for (let c = 0; c < 6; c++) {
          expect(H[(k * 6 + r) * n + k * 6 + c]).toBe(r === c ? 0.5 : 0);
        }
      }
    }
  });
});

describe('Hessian-vector products agree with the dense matrices', () => {
  it.each([
    [10, 5, 1, 0.4],
    [30, 8, 2, 0.2],
  ])('population (d=%i K=%i seed=%i)', (d, K, seed, scale) => {
    const inst = makeInstance({ d, K, kappa: 2, N: 1, seed });
    const W = perturbed(inst.Wstar, scale, seed);
    const n = d * K;
    const H = populationHessian(inst.Wstar, W);
    const u = unitVector(n, seed, 'hvp');
    const out = new Float64Array(n);
    const Hu = populationHvp(inst.Wstar, W, u, out);
    expect(Hu).toBe(out);
    for (let q = 0; q < n; q++) {
      let s = 0;
      let abs = 0;
      for (let r = 0; r < n; r++) {
        s += H[q * n + r] * u[r];
        abs += Math.abs(H[q * n + r] * u[r]);
      }
      const tol = 4 * (n + 4 * K * d) * EPS * abs;
      if (!(Math.abs(s - Hu[q]) <= tol)) expect.fail(repro({ d, K, seed, index: q, dense: s, hvp: Hu[q], tol }));
    }
  });

  /**
   * Empirical: the dense matrix sums N outer products, the HVP N scalar-times-vector terms;
   * both are sums of at most N terms bounded by (1/N) sum_i |x_ir| |x_ic| |u_c|, so the
   * classic dot-product bound gives 2 (N + n) eps times that absolute sum (factor 2 margin).
   */
  it('empirical Gauss-Newton (d=10 K=5 N=2000)', () => {
    const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 2000, noiseStd: 0.1, seed: 4 });
    const W = perturbed(inst.Wstar, 0.3, 4);
    const n = 50;
    const H = empiricalHessian(inst.data, W);
    const u = unitVector(n, 4, 'hvp');
    const Hu = empiricalHvp(inst.data, W, u);
    const absX = new Float64Array(100);
    for (let i = 0; i < 2000; i++) {
      for (let r = 0; r < 10; r++) {
        for (let c = 0; c < 10; c++) absX[r * 10 + c] += Math.abs(inst.data.X[i * 10 + r] * inst.data.X[i * 10 + c]) / 2000;
      }
    }
    for (let q = 0; q < n; q++) {
      let s = 0;
      let abs = 0;
      for (let r = 0; r < n; r++) {
        s += H[q * n + r] * u[r];
        abs += absX[(q % 10) * 10 + (r % 10)] * Math.abs(u[r]);
      }
      const tol = 4 * (2000 + n) * EPS * abs;
      if (!(Math.abs(s - Hu[q]) <= tol)) expect.fail(repro({ index: q, dense: s, hvp: Hu[q], tol }));
    }
  });

  /**
   * Inside a kink-free stencil the empirical gradient is affine in W, so its central
   * difference equals H u up to rounding alone: each gradient entry is a mean of N terms
   * r_i x_iq with r_i rounded to (d + K) eps (|y_i| + sum_k |z_ik|); the difference of two
   * such means divided by 2h gives the bound 2 (N + d + K) eps G_q / h, G_q = mean of
   * (|y_i| + sum_k |z_ik|) |x_iq| (plus the dense product's own rounding).
   */
  it('empirical Hessian equals kink-free central differences of the empirical gradient', () => {
    const inst = makeInstance({ d: 8, K: 4, kappa: 2, N: 500, noiseStd: 0.2, seed: 6 });
    const W = perturbed(inst.Wstar, 0.3, 6);
    const n = 32;
    const H = empiricalHessian(inst.data, W);
    const { X, y } = inst.data;
    const G = new Float64Array(n);
    for (let i = 0; i < 500; i++) {
      let mag = Math.abs(y[i]);
      for (let k = 0; k < 4; k++) {
        let z = 0;
        for (let q = 0; q < 8; q++) z += Math.abs(W.data[k * 8 + q] * X[i * 8 + q]);
        mag += z;
      }
      for (let q = 0; q < n; q++) G[q] += (mag * Math.abs(X[i * 8 + (q % 8)])) / 500;
    }
    for (let trial = 0; trial < 3; trial++) {
      const u = unitVector(n, 60 + trial);
      const h = kinkFreeStep(inst.data, W, u, 0.5);
      expect(h).toBeGreaterThan(0);
      const gp = new Float64Array(n);
      const gm = new Float64Array(n);
      lossAndGradient(inst.data, shifted(W, u, h), gp);
      lossAndGradient(inst.data, shifted(W, u, -h), gm);
      for (let q = 0; q < n; q++) {
        let s = 0;
        let abs = 0;
        for (let r = 0; r < n; r++) {
          s += H[q * n + r] * u[r];
          abs += Math.abs(H[q * n + r] * u[r]);
        }
        const fd = (gp[q] - gm[q]) / (2 * h);
        const tol = (2 * (500 + 12) * EPS * G[q]) / h + 2 * (500 + n) * EPS * abs;
        if (!(Math.abs(fd - s) <= tol)) expect.fail(repro({ trial, index: q, h, fd, Hu: s, tol }));
      }
    }
  });
});

describe('determinism', () => {
  it('Monte Carlo estimates are bit-identical for the same seed and differ for another', () => {
    const inst = makeInstance({ d: 5, K: 2, kappa: 2, N: 1, seed: 8 });
    const W = perturbed(inst.Wstar, 0.3, 8);
    const run = (seed: number) => monteCarloPopulation(inst.Wstar, W, 0.1, 10_000, createStreams(seed).stream('mc'));
    const a = run(1);
    const b = run(1);
    expect(b.loss).toBe(a.loss);
    expect(Buffer.from(b.gradient.buffer)).toEqual(Buffer.from(a.gradient.buffer));
    expect(Buffer.from(b.gradientStdError.buffer)).toEqual(Buffer.from(a.gradientStdError.buffer));
    expect(run(2).loss).not.toBe(a.loss);
  });
});
