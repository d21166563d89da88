/**
 * lossAndGradient's `reluAtZero`: the mask at exact kinks. At W = 0 every pre-activation is
 * exactly 0: the `z > 0` convention (0) gives a zero gradient, the default `z >= 0` (1) gives
 * -(1/N) sum_i y_i x_i in every column; with one point on a kink the two differ exactly by
 * that point's term in that unit's block; away from kinks (and by default) they are
 * bit-identical to the plain `>= 0` kernel.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { lossAndGradient } from '../../src/core/kernel.js';
import { specializedLossAndGradient } from '../../src/core/kernels/specialized.js';
import { perturbed } from '../population/support.js';

const inst = makeInstance({ d: 4, K: 3, kappa: 2, N: 30, noiseStd: 0.1, seed: 7 });
const { data } = inst;
const grad = (W: { d: number; K: number; data: Float64Array }, c?: 0 | 1) => {
  const g = new Float64Array(W.data.length);
  const L = c === undefined ? lossAndGradient(data, W, g) : lossAndGradient(data, W, g, c);
  return { L, g };
};

describe('lossAndGradient kink convention', () => {
  it('at W = 0: relu\'(0) = 0 gives 0, relu\'(0) = 1 gives -(1/N) sum_i y_i x_i per unit', () => {
    const W0 = { d: 4, K: 3, data: new Float64Array(12) };
    const strict = grad(W0, 0);
    expect(Array.from(strict.g)).toEqual(new Array(12).fill(0));
    const wide = grad(W0, 1);
    expect(wide.L).toBe(strict.L);
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 4; j++) {
        let e = 0;
        for (let i = 0; i < data.n; i++) e -= data.y[i] * data.X[i * 4 + j];
        expect(Math.abs(wide.g[k * 4 + j] - e / data.n)).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(e)));
      }
    }
  });

  it('one point on a kink: the conventions differ by (1/N) r_i x_i in that unit only', () => {
    const W = perturbed(inst.Wstar, 0.2, 3);
    // x_0 = (w_01, -w_00, 0, 0) with 12-bit w_00, w_01: w_0 . x_0 == 0 exactly.
    W.data[0] = 0.75;
    W.data[1] = -1.5;
    const X = Float64Array.from(data.X);
    X.set([W.data[1], -W.data[0], 0, 0], 0);
    const kinked = { ...data, X };
    const a = new Float64Array(12);
    const b = new Float64Array(12);
    lossAndGradient(kinked, W, a, 1);
    lossAndGradient(kinked, W, b, 0);
    let out = 0;
    for (let k = 0; k < 3; k++) {
      let z = 0;
      for (let j = 0; j < 4; j++) z += W.data[k * 4 + j] * X[j];
      if (z > 0) out += z;
    }
    const r = out - data.y[0];
    for (let q = 0; q < 12; q++) {
      const expected = q < 4 ? (r * X[q]) / data.n : 0;
      expect(Math.abs(a[q] - b[q] - expected), `entry ${q}`).toBeLessThanOrEqual(1e-15 * (1 + Math.abs(a[q])));
    }
    expect(a.slice(0, 2).some((v, q) => v !== b[q])).toBe(true);
  });

  it('away from kinks both conventions and the default are bit-identical, and match the specialized kernel', () => {
    const W = perturbed(inst.Wstar, 0.3, 5);
    const d = grad(W);
    expect(grad(W, 1)).toEqual(d);
    expect(grad(W, 0)).toEqual(d);
    const s = new Float64Array(12);
    const Ls = specializedLossAndGradient(data, W, s);
    expect(Math.abs(Ls - d.L)).toBeLessThanOrEqual(1e-14 * d.L);
    for (let q = 0; q < 12; q++) expect(Math.abs(s[q] - d.g[q])).toBeLessThanOrEqual(1e-13);
  });
});
