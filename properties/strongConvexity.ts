/**
 * Claim family 3 (Zhang et al. Lemmas 5.1 and 5.2): in the ball of radius
 * `c s_K / (lambda kappa^3 K^2)` (c = BALL_C) the Hessian satisfies `H >= mu I` with
 * `mu lambda kappa^2 >= c_mu` (its smallest eigenvalue, from dK HVPs), for the population
 * Hessian and for the empirical one at large N; and in the ball of radius s_K / 2 it is
 * bounded, `|H u| <= c_L kappa K^2 |u|` for every u (its largest singular value). c_mu and c_L are calibrated; see
 * src/theory/claims.ts for the records. {@link curvatureRatios} is the measurement both the
 * claims and the calibration script use.
 *
 * @example
 * ```ts
 * const r = await curvatureRatios(impl, c, 'population'); // r.convexity, r.smoothness
 * ```
 */
import { materialize, caseArbitrary, pointArbitrary, pointNear, showCase, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { BALL_C, claimTheory } from '../src/theory/claims.js';
import { basinRadius, smoothnessRadius } from '../src/theory/quantities.js';
import { defineClaim } from './defineClaim.js';
import { largestCurvature, smallestCurvature } from './hessianSpectrum.js';
import { expectAtLeast, expectAtMost } from './violation.js';

/** Instances of the curvature claims. */
export const CURVATURE_RANGES: InstanceRanges = { d: [2, 6], Kmin: 1, Kmax: 3, kappa: [1, 2], N: [2000, 4000] };

/**
 * Normalized curvature: lambda_min of the Hessian (its symmetric part) at the basin point x
 * lambda kappa^2, and its largest singular value at the s_K/2-ball point / (kappa K^2).
 */
export interface CurvatureRatios {
  readonly convexity: number;
  readonly smoothness: number;
}

/**
 * The extreme curvature of the implementation's Hessian at the case's points, from 2 dK of its
 * HVPs (properties/hessianSpectrum.ts): the smallest eigenvalue in the basin (Lemma 5.1,
 * H >= mu I) and the largest singular value in the s_K / 2 ball (Lemma 5.2, |H u| <= L |u|).
 * These claims once used 4 random probes per point, whose minimum was about
 * 1.5x the smallest eigenvalue, so c_mu was not an eigenvalue bound.
 * @example await curvatureRatios(impl, c, 'empirical')
 */
export async function curvatureRatios(
  impl: Implementation,
  c: ClaimCase,
  which: 'population' | 'empirical',
): Promise<CurvatureRatios> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const at = (W: typeof inst.Wstar) => (u: Float64Array) =>
    which === 'population' ? impl.populationHvp!(inst.Wstar, W, u) : impl.hvp!(inst.data, W, u);
  const n = inst.Wstar.data.length;
  const Wb = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
  const Ws = pointNear(inst.Wstar, c.point, smoothnessRadius(t));
  const convexity = (await smallestCurvature(at(Wb), n)) * t.lambda * t.kappa ** 2;
  const smoothness = (await largestCurvature(at(Ws), n)) / (t.kappa * t.K ** 2);
  return { convexity, smoothness };
}

function curvatureClaim(id: string, which: 'population' | 'empirical') {
  const theory = claimTheory(id);
  const cMu = theory.constants.cMu;
  const cL = theory.constants.cL;
  return defineClaim<ClaimCase>({
    id,
    needs: which === 'population' ? ['populationHvp'] : ['hvp'],
    falseAlarmPerCase: (cMu.falseAlarmPerCase ?? 0) + (cL.falseAlarmPerCase ?? 0),
    runs: { quick: 2, default: 8, thorough: 300 },
    arbitrary: () => caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)),
    show: showCase,
    async check(impl, c) {
      const r = await curvatureRatios(impl, c, which);
      expectAtLeast(
        `lambda_min(H) * lambda kappa^2 in the c = ${BALL_C.value} ball (${which})`,
        r.convexity,
        cMu.value,
        `Lemma 5.1 with c_mu = ${cMu.value} (${cMu.how})`,
      );
      expectAtMost(
        `sigma_max(H) / (kappa K^2) in the s_K/2 ball (${which})`,
        r.smoothness,
        cL.value,
        `Lemma 5.2 with c_L = ${cL.value} (${cL.how})`,
      );
    },
  });
}

/** Lemmas 5.1-5.2 for the population Hessian. */
export const strongConvexityPopulation = curvatureClaim('strong-convexity-population', 'population');
/** Lemmas 5.1-5.2 for the empirical Hessian at N >= 2000. */
export const strongConvexityEmpirical = curvatureClaim('strong-convexity-empirical', 'empirical');
