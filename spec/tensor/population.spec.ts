import { describe, expect, it } from 'vitest';
import { alignedError } from '../../src/core/alignedError.js';
import { drawTeacher } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import { populationMoments } from '../../src/core/tensor/populationMoments.js';
import { tensorInitFromMoments } from '../../src/core/tensor/tensorInit.js';

// With exact population moments every step of the algorithm is exact in exact arithmetic
// (P2 has rank K, the whitened tensor is orthogonally decomposable, the least-squares
// systems are consistent), so the only error is rounding amplified by the conditioning of
// the steps (kappa, the angles between units): measured at most 1e-13 relative on these
// settings, so the 1e-8 has ample margin.
const settings = [
  { d: 10, K: 5, kappa: 2 },
  { d: 20, K: 3, kappa: 5 },
  { d: 8, K: 8, kappa: 2 },
  { d: 50, K: 10, kappa: 3 },
];
const seeds = [1, 2, 3];

describe('tensor initialization on population moments recovers W* exactly', () => {
  for (const { d, K, kappa } of settings) {
    it.each(seeds)(`d = ${d}, K = ${K}, kappa = ${kappa}, v = +1, whitened power method (seed %i)`, (seed) => {
      const Wstar = drawTeacher(d, K, kappa, createStreams(seed).stream('weights'));
      for (const magnitudes of ['m1', 'm2', 'both'] as const) {
        const r = tensorInitFromMoments(populationMoments(Wstar), K, {
          stream: createStreams(seed).stream('init'),
          magnitudes,
        });
        const err = alignedError(r.W, Wstar).relative;
        expect(err, `d=${d} K=${K} kappa=${kappa} seed=${seed} magnitudes=${magnitudes}: relative error ${err}, tolerance 1e-8`).toBeLessThan(1e-8);
        expect(Array.from(r.v)).toEqual(new Array(K).fill(1));
        expect(r.diagnostics.whiteningValid).toBe(true);
      }
    });

    it.each(seeds)(`d = ${d}, K = ${K}, kappa = ${kappa}, mixed v unknown, sign-tracked whitening (seed %i)`, (seed) => {
      const Wstar = drawTeacher(d, K, kappa, createStreams(seed).stream('weights'));
      const signs = createStreams(seed).stream('signs');
      const vstar = new Float64Array(K).map(() => (signs.uniform() < 0.5 ? -1 : 1));
      const r = tensorInitFromMoments(populationMoments(Wstar, vstar), K, {
        stream: createStreams(seed).stream('init'),
        outputWeights: 'unknown',
      });
      const { relative, permutation } = alignedError(r.W, Wstar);
      expect(relative, `seed=${seed} v*=${Array.from(vstar)}: relative error ${relative}, tolerance 1e-8`).toBeLessThan(1e-8);
      // v* recovered exactly, unit by unit under the matching.
      for (let k = 0; k < K; k++) expect(r.v[k], `unit ${k} matched to ${permutation[k]}`).toBe(vstar[permutation[k]]);
    });
  }
});
