import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import type { Weights } from '../../src/core/layout.js';
import { populationLoss } from '../../src/core/population/populationLoss.js';
import { populationGradient } from '../../src/core/population/populationGradient.js';
import { populationHessian } from '../../src/core/population/populationHessian.js';
import { EPS, gradientRounding, lossRounding, maxNormRatio, perturbed, repro, unitVector } from './support.js';

/**
 * Degenerate angles: theta = 0 or pi between two student units or between a student unit and
 * a teacher unit. At the degenerate W the values must be finite and equal to the limit of
 * nearby points. We move one unit off the degenerate configuration by a rotation of angle
 * about t (w_k + t |w_k| e, e a unit vector orthogonal to w_k) and check the Taylor
 * remainders shrink at the right order, which holds only if the value AT the degenerate point
 * is the limit:
 *   loss:     |L(W_t) - L(W) - g(W) . dW|          = O(t^2)
 *   gradient: |g(W_t) - g(W) - H(W) dW|_inf        = O(t^2)   (H is Lipschitz near theta = 0, pi)
 *   Hessian:  |H(W_t) - H(W)|_max                   = O(t)
 * Test: R(t) <= 2 (t / t0)^p R(t0) + floor for t = 1e-5, 1e-7 with t0 = 1e-3. The factor 2
 * absorbs the next Taylor order (relative size t0 * O(1) = 1e-3); the floor is the rounding
 * of the quantities (support.ts bounds; 64 eps (1 + K rho) for Hessian entries, rho the
 * largest norm ratio). A wrong limit (say h2 -> 0 instead of I/2 at theta = 0) leaves R(t)
 * of order one as t -> 0 and fails by many orders of magnitude.
 */
type Case = { name: string; build: (Wstar: Weights, W: Weights) => void; unit: number };

const d = 8;
const K = 4;
const cases: Case[] = [
  { name: 'two equal student units', unit: 1, build: (_s, W) => W.data.copyWithin(d, 0, d) },
  {
    name: 'antiparallel student units',
    unit: 1,
    build: (_s, W) => {
      for (let i = 0; i < d; i++) W.data[d + i] = -0.8 * W.data[i];
    },
  },
  {
    name: 'a student unit parallel to a teacher unit',
    unit: 0,
    build: (s, W) => {
      for (let i = 0; i < d; i++) W.data[i] = 1.5 * s.data[2 * d + i];
    },
  },
  {
    name: 'a student unit antiparallel to a teacher unit',
    unit: 2,
    build: (s, W) => {
      for (let i = 0; i < d; i++) W.data[2 * d + i] = -0.7 * s.data[d + i];
    },
  },
];

function rotateOff(W: Weights, unit: number, t: number, seed: number): Weights {
  const e = unitVector(d, seed, 'degenerate-direction');
  const w = W.data.subarray(unit * d, (unit + 1) * d);
  let ww = 0;
  let we = 0;
  for (let i = 0; i < d; i++) {
    ww += w[i] * w[i];
    we += w[i] * e[i];
  }
  let en = 0;
  for (let i = 0; i < d; i++) {
    e[i] -= (we / ww) * w[i];
    en += e[i] * e[i];
  }
  const scale = (t * Math.sqrt(ww)) / Math.sqrt(en);
  const data = Float64Array.from(W.data);
  for (let i = 0; i < d; i++) data[unit * d + i] += scale * e[i];
  return { d, K, data };
}

describe('degenerate angles give finite values equal to the limits of nearby points', () => {
  it.each(cases.map((c, i) => [c.name, i]))('%s', (name, index) => {
    const c = cases[index as number];
    const seed = 10 + (index as number);
    const inst = makeInstance({ d, K, kappa: 2, N: 1, seed });
    const W = perturbed(inst.Wstar, 0.3, seed);
    c.build(inst.Wstar, W);
    const n = d * K;
    const L = populationLoss(inst.Wstar, W);
    const g = populationGradient(inst.Wstar, W);
    const H = populationHessian(inst.Wstar, W);
    expect(Number.isFinite(L)).toBe(true);
    expect(g.every(Number.isFinite) && H.every(Number.isFinite)).toBe(true);

    const remainders = (t: number) => {
      const Wt = rotateOff(W, c.unit, t, seed);
      const dW = Wt.data.map((v, q) => v - W.data[q]);
      let gdW = 0;
      for (let q = 0; q < n; q++) gdW += g[q] * dW[q];
      const rL = Math.abs(populationLoss(inst.Wstar, Wt) - L - gdW);
      const gt = populationGradient(inst.Wstar, Wt);
      let rG = 0;
      for (let q = 0; q < n; q++) {
        let HdW = 0;
        for (let r = 0; r < n; r++) HdW += H[q * n + r] * dW[r];
        rG = Math.max(rG, Math.abs(gt[q] - g[q] - HdW));
      }
      const Ht = populationHessian(inst.Wstar, Wt);
      let rH = 0;
      for (let q = 0; q < n * n; q++) rH = Math.max(rH, Math.abs(Ht[q] - H[q]));
      return { rL, rG, rH };
    };
    const rho = maxNormRatio(inst.Wstar, W);
    const floors = {
      rL: 2 * lossRounding(inst.Wstar, W),
      rG: 2 * gradientRounding(inst.Wstar, W) + 64 * n * EPS * (1 + K * rho),
      rH: 64 * EPS * (1 + K * rho),
    };
    const t0 = 1e-3;
    const base = remainders(t0);
    for (const t of [1e-5, 1e-7]) {
      const r = remainders(t);
      const ratio = t / t0;
      const checks: [keyof typeof r, number][] = [
        ['rL', 2],
        ['rG', 2],
        ['rH', 1],
      ];
      for (const [key, p] of checks) {
        const tol = 2 * ratio ** p * base[key] + floors[key];
        expect(r[key], repro({ case: name, seed, t, quantity: key, remainder: r[key], atT0: base[key], tol })).toBeLessThanOrEqual(tol);
      }
    }
  });

  it('exactly degenerate pairs use the exact limits: h2 = I/2 at theta = 0, 0 at theta = pi', () => {
    const inst = makeInstance({ d: 3, K: 2, kappa: 1, N: 1, seed: 1 });
    const n = 6;
    for (const [factor, expected] of [
      [2, 0.5],
      [-2, 0],
    ] as const) {
      const W: Weights = { d: 3, K: 2, data: Float64Array.from([1, 0, 0, factor, 0, 0]) };
      const H = populationHessian(inst.Wstar, W);
      // Off-diagonal block (0, 1) is h2(w_0, w_1).
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) expect(H[r * n + 3 + c]).toBe(r === c ? expected : 0);
      }
    }
  });
});
