/**
 * Claim family 4 (Zhang et al. Lemma 5.3): uniformly over the ball of radius
 * `c s_K / (lambda kappa^3 K^2)`, `|grad L_N(W) - grad L(W)|_F <= c2 sqrt(d K^5 log N / N)
 * (|W*|_F + nu)`. Checked at several points of the ball per data set (the sup over the ball
 * is approached by its worst probed point); c2 is calibrated (record in src/theory/claims.ts).
 *
 * @example
 * ```ts
 * const r = await concentrationRatio(impl, c); // max |grad L_N - grad L| / bound(c2 = 1)
 * ```
 */
import type { Implementation } from '../src/impl/Implementation.js';
import { BALL_C, claimTheory } from '../src/theory/claims.js';
import { basinRadius, gradientConcentration as lemma53 } from '../src/theory/quantities.js';
import { caseArbitrary, materialize, pointNear, showCase, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { expectAtMost } from './violation.js';

/** Instances of the concentration claim. */
export const CONCENTRATION_RANGES: InstanceRanges = { d: [2, 6], Kmax: 3, kappa: [1, 2], N: [100, 3000], noise: [0, 1] };
/** Points of the ball probed per data set. */
export const CONCENTRATION_POINTS = 4;

/**
 * The worst ratio |grad L_N(W) - grad L(W)|_F / (sqrt(d K^5 log N / N)(|W*|_F + nu)) over
 * W* and CONCENTRATION_POINTS - 1 points on the ball's sphere.
 * @example await concentrationRatio(impl, c)
 */
export async function concentrationRatio(impl: Implementation, c: ClaimCase): Promise<number> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const unit = lemma53(t, 1, { N: inst.config.N, nu: inst.config.noiseStd });
  let worst = 0;
  for (let p = 0; p < CONCENTRATION_POINTS; p++) {
    const W = pointNear(inst.Wstar, { fraction: p === 0 ? 0 : 1, seed: c.point.seed + p }, basinRadius(t, BALL_C.value));
    const gN = await impl.gradient!(inst.data, W);
    const g = await impl.populationGradient!(inst.Wstar, W);
    let s = 0;
    for (let q = 0; q < g.length; q++) s += (gN[q] - g[q]) ** 2;
    worst = Math.max(worst, Math.sqrt(s) / unit);
  }
  return worst;
}

const theory = claimTheory('gradient-concentration');
const c2 = theory.constants.c2;
/** Lemma 5.3 over points of the ball. */
export const gradientConcentrationClaim = defineClaim<ClaimCase>({
  id: 'gradient-concentration',
  needs: ['gradient', 'population'],
  falseAlarmPerCase: c2.falseAlarmPerCase ?? 0,
  runs: { quick: 2, default: 8, thorough: 300 },
  arbitrary: () => caseArbitrary(CONCENTRATION_RANGES),
  show: showCase,
  async check(impl, c) {
    expectAtMost(
      'max over ball points of |grad L_N - grad L|_F / (sqrt(d K^5 log N / N)(|W*|_F + nu))',
      await concentrationRatio(impl, c),
      c2.value,
      `Lemma 5.3 with c2 = ${c2.value} (${c2.how})`,
    );
  },
});
