/**
 * Claim family 6 (Zhang et al. Theorem 4.2, Corollary: statistical rate): on one teacher, the
 * error of gradient descent run to convergence from W* (the ball's centre) is of order
 * `(d log N / N)(|W*|_F^2 + nu^2)`: every final error^2 is below C times that, and the
 * least-squares slope of log error^2 against log N over a grid of N (replicated data sets)
 * has a confidence interval that contains -1 and excludes 0.
 *
 * @example
 * ```ts
 * const m = await measureRate(referenceImplementation(), rateCase);
 * m.slope; m.halfWidth; m.cNeeded;
 * ```
 */
import fc from 'fast-check';
import { frobeniusDistance } from '../src/core/layout.js';
import { makeInstance, type InstanceConfig } from '../src/core/instance.js';
import { networkOutput } from '../src/core/kernel.js';
import { slopeWithInterval } from '../src/core/stats/slopeWithInterval.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { claimTheory } from '../src/theory/claims.js';
import { rate, stepBound } from '../src/theory/quantities.js';
import { instanceArbitrary, showCase } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { assertPapersTeacher } from './papersTeacher.js';
import { expectAtMost, expectSlopeInterval } from './violation.js';

const theory = claimTheory('statistical-rate');
const C = theory.constants.C.value;
const LEVEL = theory.constants.level.value;
const STEPS = theory.constants.T.value;
/** Sample sizes of the grid. */
export const RATE_GRID: readonly number[] = [200, 400, 800, 1600, 3200, 6400];
/**
 * Independent data sets per sample size: more where they are cheap. The slope's precision
 * comes mostly from the two ends of the grid, and a small-N run costs little.
 */
export const RATE_REPLICATES: readonly number[] = [8, 6, 4, 3, 2, 2];

/** One teacher's settings; N and the data seed vary over the grid. */
export const rateArbitrary = (): fc.Arbitrary<InstanceConfig> =>
  instanceArbitrary({ d: [3, 4], Kmin: 2, Kmax: 2, kappa: [1, 1.5], N: [1, 1], noise: [0.3, 1] });

/** What one case measured. */
export interface RateMeasurement {
  readonly N: Float64Array;
  readonly err2: Float64Array;
  readonly slope: number;
  readonly halfWidth: number;
  /** max over runs of err^2 / ((d log N / N)(|W*|_F^2 + nu^2)). */
  readonly cNeeded: number;
}

/**
 * Runs GD from W* on every (N, replicate) of the grid and fits the slope.
 * @example await measureRate(impl, { d: 3, K: 2, kappa: 1.2, N: 1, noiseStd: 0.5, seed: 4 })
 */
export async function measureRate(impl: Implementation, config: InstanceConfig): Promise<RateMeasurement> {
  const Ns: number[] = [];
  const errs: number[] = [];
  let cNeeded = 0;
  // The teacher comes from the "weights" stream of the case's seed (shared by every run);
  // data and noise from a seed per (N, replicate).
  const teacher = makeInstance({ ...config, N: 1 });
  assertPapersTeacher(teacher);
  for (let g = 0; g < RATE_GRID.length; g++) {
    const N = RATE_GRID[g];
    for (let r = 0; r < RATE_REPLICATES[g]; r++) {
      const seed = (config.seed + 7919 * (1 + r) + N) >>> 0;
      const inst = makeInstance({ ...config, N, seed });
      const data = { ...inst.data, y: relabel(inst.data, teacher.Wstar, inst.Wstar) };
      const eta = stepBound(teacher.teacher, 1);
      const run = await impl.gradientDescent!(data, { W0: teacher.Wstar, eta, iterations: STEPS });
      const e2 = frobeniusDistance(run.W.data, teacher.Wstar.data) ** 2;
      Ns.push(N);
      errs.push(e2);
      const nu = config.noiseStd ?? 0;
      cNeeded = Math.max(cNeeded, e2 / (rate(config.d, N) * (teacher.teacher.frobenius ** 2 + nu ** 2)));
    }
  }
  const fit = slopeWithInterval(Ns.map(Math.log), errs.map(Math.log), LEVEL);
  return { N: Float64Array.from(Ns), err2: Float64Array.from(errs), ...fit, cNeeded };
}

/** Labels of `data` recomputed for teacher `Wt`: y - f_{Wo}(x) + f_{Wt}(x) keeps the noise. */
function relabel(data: { n: number; d: number; X: Float64Array; y: Float64Array }, Wt: { K: number; data: Float64Array }, Wo: { K: number; data: Float64Array }): Float64Array {
  const { n, d, X, y } = data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = y[i] - networkOutput(Wo.data, d, Wo.K, X, i * d) + networkOutput(Wt.data, d, Wt.K, X, i * d);
  }
  return out;
}

/** Final errors below C (d log N / N)(|W*|^2 + nu^2), log-log slope CI contains -1, excludes 0. */
export const statisticalRate = defineClaim<InstanceConfig>({
  id: 'statistical-rate',
  needs: ['gd'],
  // Both calibrated parts can fail a correct case: the bound C (1/201) and the slope interval
  // (0.001 for its level + 1/201 for its power).
  falseAlarmPerCase: (theory.constants.C.falseAlarmPerCase ?? 0) + (theory.constants.level.falseAlarmPerCase ?? 0),
  // Thorough: 4 cases, 0.044 of the suite's 0.25 (properties/suiteBudget.ts); 60 cases needed 0.66.
  runs: { quick: 1, default: 2, thorough: 4 },
  // Each case is a whole grid of runs: shrink a little only.
  shrinkEvaluations: 6,
  arbitrary: rateArbitrary,
  show: showCase,
  async check(impl, config) {
    const m = await measureRate(impl, config);
    expectAtMost(
      'max final error^2 / ((d log N / N)(|W*|_F^2 + nu^2))',
      m.cNeeded,
      C,
      `calibrated C = ${C}; grid N = ${RATE_GRID.join(', ')}, data sets ${RATE_REPLICATES.join(', ')}`,
    );
    expectSlopeInterval(
      `log-log slope of error^2 against N (${LEVEL * 100}% interval)`,
      m,
      -1,
      '-1',
      () => `errors^2 ${Array.from(m.err2, (v) => v.toExponential(2)).join(' ')}`,
    );
  },
});
