/**
 * Zhang et al. 2019, Figure 2(c): success rate against N/K for K = 5, 10, 15 at d = 20
 * (kappa = 2, noiseless, random initialization).
 *
 * The paper's step 0.5 diverges at K = 10 and 15 (measured: the iterates overflow within a
 * few steps from a standard Gaussian start), so the step is scaled as 0.5 * 5 / K: the
 * paper's value at K = 5 and the 1/K shrinkage that keeps K = 15 stable. The theory's bound
 * eta <= 1/(c kappa K^2) would shrink it faster; 1/K was enough.
 *
 * @example
 * ```ts
 * fig2c.trials('full').length; // 3 curves x 7 ratios x 10 trials
 * ```
 */
import { successCurveExperiment } from './successCurve.js';
import { PAPER } from './settings.js';

/** The experiment; N >= dK is needed to pin down W*, so the N/K grid starts near d = 20. */
export const fig2c = successCurveExperiment({
  id: 'fig2c',
  revision: 1,
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
    full: { ratios: [10, 20, 30, 40, 60, 80, 120], trials: 10 },
  },
  notes: [
    'd = 20; K = 5, 10, 15; kappa = 2; noiseless; random (standard Gaussian) initialization; eta = 0.5 * 5 / K (0.5 diverges at K >= 10); up to 3000 steps.',
  ],
});
