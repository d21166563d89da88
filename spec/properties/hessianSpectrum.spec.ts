/**
 * The curvature claims' measurement: lambda_min of an HVP's symmetric part and its largest
 * singular value, from dK products. Known matrices (symmetric, asymmetric, non-finite), and on
 * claim cases the reference's HVP gives the dense Hessians' extreme eigenvalues (the
 * closed-form population and Gauss-Newton matrices, independent of the HVP code path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestCurvature, smallestCurvature } from '../../properties/hessianSpectrum.js';
import { caseArbitrary, materialize, pointArbitrary, pointNear } from '../../properties/arbitraries.js';
import { curvatureRatios, CURVATURE_RANGES } from '../../properties/strongConvexity.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { BALL_C } from '../../src/theory/claims.js';
import { basinRadius, smoothnessRadius } from '../../src/theory/quantities.js';
import { populationHessian } from '../../src/core/population/populationHessian.js';
import { empiricalHessian } from '../../src/core/population/empiricalHessian.js';
import { extremeEigenvalues } from '../../src/core/curvature/extremeEigenvalues.js';

/** An HVP applying the row-major n x n matrix A. */
function matrixHvp(A: number[][]) {
  return async (u: Float64Array) => Float64Array.from(A.map((row) => row.reduce((s, a, j) => s + a * u[j], 0)));
}

describe('hessianSpectrum', () => {
  it('symmetric matrix: smallest and largest |eigenvalue|', async () => {
    const A = [[2, 1, 0], [1, 2, 0], [0, 0, -0.5]]; // eigenvalues 3, 1, -0.5
    expect(await smallestCurvature(matrixHvp(A), 3)).toBeCloseTo(-0.5, 14);
    expect(await largestCurvature(matrixHvp(A), 3)).toBeCloseTo(3, 14);
  });

  it('asymmetric matrix: min u^T A u is the symmetric part, max |A u| the singular value', async () => {
    const A = [[1, 4], [0, 1]]; // symmetric part [[1, 2], [2, 1]]: min -1; singular values 2 +- sqrt(5)
    expect(await smallestCurvature(matrixHvp(A), 2)).toBeCloseTo(-1, 14);
    expect(await largestCurvature(matrixHvp(A), 2)).toBeCloseTo(2 + Math.sqrt(5), 13);
  });

  it('a non-finite answer gives NaN, which every bound rejects', async () => {
    const A = [[1, 0], [0, Infinity]];
    expect(await smallestCurvature(matrixHvp(A), 2)).toBeNaN();
    expect(await largestCurvature(matrixHvp(A), 2)).toBeNaN();
  });

  it.each(['population', 'empirical'] as const)('%s claim cases: the HVP route equals the dense Hessian eigenvalues', async (which) => {
    const impl = referenceImplementation();
    for (const c of fc.sample(caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)), { seed: 5, numRuns: 6 })) {
      const inst = materialize(c.instance);
      const t = inst.teacher;
      const Wb = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
      const Ws = pointNear(inst.Wstar, c.point, smoothnessRadius(t));
      const H = (W: typeof Wb) => (which === 'population' ? populationHessian(inst.Wstar, W) : empiricalHessian(inst.data, W));
      const lo = extremeEigenvalues(H(Wb), { method: 'dense' });
      const hi = extremeEigenvalues(H(Ws), { method: 'dense' });
      const r = await curvatureRatios(impl, c, which);
      const scale = hi.max;
      expect(Math.abs(r.convexity / (t.lambda * t.kappa ** 2) - lo.min)).toBeLessThan(1e-12 * Math.max(1, scale));
      expect(Math.abs(r.smoothness * t.kappa * t.K ** 2 - Math.max(hi.max, -hi.min))).toBeLessThan(1e-12 * Math.max(1, scale));
    }
  });
});
