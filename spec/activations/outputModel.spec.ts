import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activationByName } from '../../src/core/activations/catalog.js';
import { lossAndGradient } from '../../src/core/kernel.js';
import { makeInstance } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { outputModelLossAndGradient } from '../../src/core/outputModel/outputModelKernel.js';
import { outputModelHessian, outputModelHvp } from '../../src/core/outputModel/outputModelHessian.js';
import { gramError } from '../../src/core/outputModel/gramError.js';
import type { Weights } from '../../src/core/layout.js';

const EPS = Number.EPSILON;

describe('the output-weight model (Zhong et al. eq. (1))', () => {
  it('with ReLU and v = 1 it is the ReLU fast path: same teacher, data, loss and gradient', () => {
    const cfg = { d: 8, K: 3, kappa: 2, N: 300, noiseStd: 0.1, seed: 5 };
    const relu = makeInstance(cfg);
    const gen = makeOutputModelInstance({ ...cfg, activation: 'relu', signs: 'positive' });
    expect(Array.from(gen.Wstar.data)).toEqual(Array.from(relu.Wstar.data));
    expect(Array.from(gen.data.y)).toEqual(Array.from(relu.data.y));
    const W: Weights = { d: 8, K: 3, data: relu.Wstar.data.map((w, q) => w + 0.1 * Math.sin(q)) };
    const g1 = new Float64Array(24);
    const g2 = new Float64Array(24);
    const L1 = lossAndGradient(relu.data, W, g1);
    const L2 = outputModelLossAndGradient(gen.model, gen.data, W, g2);
    // Same arithmetic in the same order but for v_k * phi and 1 * phi': bitwise equal.
    expect(L2).toBe(L1);
    expect(Array.from(g2)).toEqual(Array.from(g1));
  });

  it('noiseless: loss and gradient vanish at (W*, v*) for every activation', () => {
    for (const name of Object.keys(ACTIVATIONS)) {
      const inst = makeOutputModelInstance({ d: 6, K: 3, kappa: 2, N: 200, seed: 8, activation: name as never });
      const g = new Float64Array(18);
      expect(outputModelLossAndGradient(inst.model, inst.data, inst.Wstar, g)).toBe(0);
      expect(g.every((x) => x === 0)).toBe(true);
    }
  });

  it('the dense Hessian is symmetric and H u equals the matrix-free product (rounding)', () => {
    for (const name of ['tanh', 'squaredRelu', 'quadratic'] as const) {
      const inst = makeOutputModelInstance({ d: 5, K: 3, kappa: 2, N: 150, noiseStd: 0.3, seed: 2, activation: name });
      const s = createStreams(2).stream('spec-hvp');
      const W: Weights = { d: 5, K: 3, data: inst.Wstar.data.map((w) => w + 0.2 * s.normal()) };
      const u = s.fillNormal(new Float64Array(15));
      const H = outputModelHessian(inst.model, inst.data, W);
      const Hu = outputModelHvp(inst.model, inst.data, W, u);
      let maxAbs = 0;
      for (const x of H) maxAbs = Math.max(maxAbs, Math.abs(x));
      for (let p = 0; p < 15; p++) {
        let acc = 0;
        for (let q = 0; q < 15; q++) {
          expect(H[p * 15 + q]).toBe(H[q * 15 + p]);
          acc += H[p * 15 + q] * u[q];
        }
        // Two summation orders of N (d K)-term sums: (N + dK) eps relative to |H| |u|_1 each.
        const tol = 2 * (150 + 15) * EPS * maxAbs * u.reduce((a, b) => a + Math.abs(b), 0) * 4;
        expect(Math.abs(acc - Hu[p]), `${name} row ${p}`).toBeLessThanOrEqual(tol);
      }
    }
  });

  it('output signs: random by default, all +1 on request; same seed gives bit-identical instances', () => {
    const a = makeOutputModelInstance({ d: 6, K: 5, kappa: 2, N: 50, seed: 3, activation: 'sigmoid' });
    const b = makeOutputModelInstance({ d: 6, K: 5, kappa: 2, N: 50, seed: 3, activation: 'sigmoid' });
    expect(Buffer.from(a.data.y.buffer)).toEqual(Buffer.from(b.data.y.buffer));
    expect(Array.from(a.model.v).every((v) => v === 1 || v === -1)).toBe(true);
    const p = makeOutputModelInstance({ d: 6, K: 5, kappa: 2, N: 50, seed: 3, activation: 'sigmoid', signs: 'positive' });
    expect(Array.from(p.model.v)).toEqual([1, 1, 1, 1, 1]);
  });

  it('validation names the argument', () => {
    expect(() => activationByName('softplus')).toThrow(/activation must be one of relu, .*Value: "softplus"/);
    expect(() =>
      makeOutputModelInstance({ d: 3, K: 2, kappa: 2, N: 5, seed: 1, activation: 'tanh', signs: 'mixed' as never }),
    ).toThrow(/signs must be 'random' or 'positive'/);
  });

  it('gramError is rotation invariant: W Q has zero error for orthogonal Q', () => {
    const W: Weights = { d: 3, K: 2, data: new Float64Array([1, 2, 3, -1, 0.5, 2]) };
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const rot = new Float64Array(6);
    for (let i = 0; i < 3; i++) {
      rot[i] = c * W.data[i] - s * W.data[3 + i];
      rot[3 + i] = s * W.data[i] + c * W.data[3 + i];
    }
    expect(gramError({ d: 3, K: 2, data: rot }, W).relative).toBeLessThanOrEqual(32 * EPS);
    expect(gramError({ d: 3, K: 2, data: W.data.map((x) => 1.1 * x) }, W).relative).toBeGreaterThan(0.2);
  });
});
