/**
 * empiricalHvp's `reluAtZero`: the mask at exact kinks. At W = 0 every pre-activation is
 * exactly 0, so the `z > 0` convention (0) masks every unit (H u = 0) and the default `z >= 0`
 * (1) keeps every unit (H u equals the dense empirical Hessian times u); away from kinks the
 * two conventions agree bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { empiricalHessian, empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import { perturbed, unitVector } from './support.js';

describe('empiricalHvp kink convention', () => {
  const inst = makeInstance({ d: 5, K: 3, kappa: 2, N: 40, noiseStd: 0, seed: 4 });
  const u = unitVector(15, 4);

  it('at W = 0: z > 0 masks every unit, z >= 0 keeps every unit', () => {
    const W0 = { d: 5, K: 3, data: new Float64Array(15) };
    expect(Array.from(empiricalHvp(inst.data, W0, u, undefined, 0))).toEqual(new Array(15).fill(0));
    const H = empiricalHessian(inst.data, W0);
    const Hu = empiricalHvp(inst.data, W0, u, undefined, 1);
    for (let r = 0; r < 15; r++) {
      let e = 0;
      for (let c = 0; c < 15; c++) e += H[r * 15 + c] * u[c];
      expect(Math.abs(Hu[r] - e), `row ${r}`).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(e)));
    }
    expect(Hu.some((v) => v !== 0)).toBe(true);
  });

  it('away from kinks the conventions give bit-identical results, 1 being the default', () => {
    const W = perturbed(inst.Wstar, 0.3, 4);
    const a = empiricalHvp(inst.data, W, u, undefined, 0);
    expect(a).toEqual(empiricalHvp(inst.data, W, u, undefined, 1));
    expect(a).toEqual(empiricalHvp(inst.data, W, u));
  });
});
