/**
 * Claim family 2: W* is a stationary point. Without noise every residual at W* is 0, so the
 * empirical gradient vanishes (to rounding: an implementation summing in another order may
 * leave residuals of a few ulps). With noise the gradient at W* is `-(nu/N) sum_i eps_i a_i`,
 * `a_i = (1{w*_k . x_i >= 0} x_i)_k`: given X it is Gaussian with covariance S, and its norm
 * concentrates (a 1-Lipschitz function of a standard Gaussian scaled by sqrt(|S|)), which gives
 * Lemma 5.3's bound at W* with an explicit constant and false-alarm probability delta.
 *
 * @example
 * ```ts
 * await stationarityNoiseless.run(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import { claimTheory } from '../src/theory/claims.js';
import type { Dataset, Weights } from '../src/core/layout.js';
import { caseArbitrary, describeRanges, materialize, pointArbitrary, showCase, WIDE_EXACT, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { gradientRoundingBound } from './rounding.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { expectAtMost } from './violation.js';

function norm(a: Float64Array): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += a[q] * a[q];
  return Math.sqrt(s);
}

const atWstar = pointArbitrary(0, 0);
/** Exact at W*: drawn also at the wide sizes (noiseless, so grad L_N(W*) is 0 up to rounding). */
const NOISELESS_RANGES: InstanceRanges = { d: [2, 8], Kmax: 4, N: [10, 400], wide: { ...WIDE_EXACT, noise: [0, 0] } };
/** A concentration bound (budget DELTA): kept at the sizes it was stated for. */
const NOISY_RANGES: InstanceRanges = { d: [2, 8], Kmax: 4, N: [10, 400], noise: [0.05, 1] };

/** grad L_N(W*) = 0 without noise. */
export const stationarityNoiseless = defineClaim<ClaimCase>({
  id: 'stationarity-noiseless',
  needs: ['gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(NOISELESS_RANGES),
  arbitrary: () => caseArbitrary(NOISELESS_RANGES, atWstar),
  show: showCase,
  diagnosisCalls: (c) => {
    const inst = materialize(c.instance);
    return [{ method: 'gradient', data: inst.data, W: inst.Wstar }];
  },
  async check(impl, c, { unitRoundoff }) {
    const inst = materialize(c.instance);
    const g = await impl.gradient!(inst.data, inst.Wstar);
    const tol = norm(gradientRoundingBound(inst.data, inst.Wstar, unitRoundoff));
    expectAtMost('|grad L_N(W*)|_F (noiseless)', norm(g), SAFETY * tol, `rounding bound x${SAFETY}`);
  },
});

/** tr S / nu^2 = (1/N^2) sum_i (number of units active on x_i) |x_i|^2. */
function traceOverNu2(data: Dataset, Wstar: Weights): number {
  const { n, d, X } = data;
  let tr = 0;
  for (let i = 0; i < n; i++) {
    let x2 = 0;
    for (let j = 0; j < d; j++) x2 += X[i * d + j] ** 2;
    for (let k = 0; k < Wstar.K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += Wstar.data[k * d + j] * X[i * d + j];
      if (z >= 0) tr += x2;
    }
  }
  return tr / (n * n);
}

const tNoisy = claimTheory('stationarity-noisy');
const DELTA = tNoisy.constants.delta.value;
/** |grad L_N(W*)|_F within its conditional Gaussian bound. */
export const stationarityNoisy = defineClaim<ClaimCase>({
  id: 'stationarity-noisy',
  needs: ['gradient'],
  falseAlarmPerCase: DELTA,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(NOISY_RANGES),
  arbitrary: () => caseArbitrary(NOISY_RANGES, atWstar),
  show: showCase,
  async check(impl, c, { unitRoundoff }) {
    const inst = materialize(c.instance);
    const g = await impl.gradient!(inst.data, inst.Wstar);
    const nu = inst.config.noiseStd;
    // P(|g| >= E|g| + sqrt(|S|) t) <= exp(-t^2 / 2), E|g| <= sqrt(tr S), |S| <= tr S.
    const sd = nu * Math.sqrt(traceOverNu2(inst.data, inst.Wstar));
    const bound = sd * (1 + Math.sqrt(2 * Math.log(1 / DELTA)));
    const tol = SAFETY * norm(gradientRoundingBound(inst.data, inst.Wstar, unitRoundoff));
    expectAtMost(
      '|grad L_N(W*)|_F (noisy)',
      norm(g),
      bound + tol,
      `sqrt(tr S) = ${sd}; Gaussian tail at delta = ${DELTA}`,
    );
  },
});
