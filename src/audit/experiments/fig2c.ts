/**
 * Zhang et al. 2019, Figure 2(c): success rate against N/K for K = 5, 10, 15 at d = 20
 * (kappa = 2, noiseless, random initialization).
 *
 * The paper's step 0.5 diverges at K = 10 and 15 (measured: the iterates overflow within a
 * few steps from a standard Gaussian start), so the step is scaled as 0.5 * 5 / K: the
 * paper's value at K = 5 and the 1/K shrinkage that keeps K = 15 stable. The theory's bound
 * eta <= 1/(c kappa K^2) would shrink it faster; 1/K was enough. The step budget scales with
 * 1/eta (6000 steps at K = 10, 9000 at K = 15; up to 3 more budgets while the loss still falls): with a fixed 3000, K = 10 runs still converging
 * counted as failures. Each failed run gets a reason (failureReason.ts); measured (seed 1,
 * 10x the budget): the K = 10 failures at N/K = 40 and most K = 15 failures at N/K = 120 sit on
 * a plateau they never leave, so a larger budget does not change the verdict.
 *
 * @example
 * ```ts
 * fig2c.trials('full').length; // 3 curves x (8 ratios x 10 + 20 at N/K = 400) trials
 * ```
 */
import { successCurveExperiment } from './successCurve.js';
import { PAPER } from './settings.js';

/** The experiment; N >= dK is needed to pin down W*, so the N/K grid starts near d = 20. */
export const fig2c = successCurveExperiment({
  id: 'fig2c',
  // 2: step budget scaled with 1/eta, gradient stop, end-of-run records for the failure
  // reasons (stoppedBy, gradientNorm, lossWindowRatio); full grid to N/K = 400 with 20 trials there.
  // 3: records each start's distance to W* and the teacher's ball unit (startBall.ts).
  revision: 3,
  title: 'Fig. 2(c): success rate vs N/K',
  citation: 'Zhang et al. 2019, Section 6, Fig. 2(c)',
  scaleBy: 'K',
  curves: [
    { d: 20, K: 5 },
    { d: 20, K: 10 },
    { d: 20, K: 15 },
  ],
  init: 'random',
  eta: (K) => (PAPER.eta * 5) / K,
  grid: {
    quick: { ratios: [20, 40, 80], trials: 3 },
    // 20 trials at N/K = 400: with 10, K = 15's 2/10 there could not be told from 1/2
    // (binomial p = 0.055, seed 1), so the verdict could not say whether it lies beyond the grid.
    full: { ratios: [10, 20, 30, 40, 60, 80, 120, 200, 400], trials: 10, endTrials: 20 },
  },
  paperComparison: (f) => ({
    'zhang.kappa': String(PAPER.kappa),
    'zhang.success': String(PAPER.successThreshold),
    'zhang.fig2c.dK': `d = 20; K = ${f.scales}`,
    'zhang.fig2c.init': `random (standard Gaussian); eta ${f.etas}; ${f.trials} trials per point`,
    'zhang.fig2c.threshold': `N/K* [90% interval] ${f.thresholds}`,
  }),
  notes: [
    'd = 20; K = 5, 10, 15; kappa = 2; noiseless; random (standard Gaussian) initialization; eta = 0.5 * 5 / K (0.5 diverges at K >= 10); up to 3000 x 0.5 / eta steps.',
  ],
});
