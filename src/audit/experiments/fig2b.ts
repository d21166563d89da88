/**
 * Zhang et al. 2019, Figure 2(b): success rate against N/d for d = 20, 50, 100 (K = 5,
 * kappa = 2, noiseless, tensor initialization, eta = 0.5, 10 trials per point in the paper).
 *
 * @example
 * ```ts
 * fig2b.trials('quick').length;
 * ```
 */
import { successCurveExperiment } from './successCurve.js';
import { PAPER } from './settings.js';

/** The experiment; the N/d grid brackets the threshold measured near N/d = 10..20. */
export const fig2b = successCurveExperiment({
  id: 'fig2b',
  // 2: gradient stop and end-of-run records for the failure reasons (successCurve.ts).
  // 3: records each start's distance to W* and the teacher's ball unit (startBall.ts); full
  // grid past the threshold (to N/d = 80).
  revision: 3,
  title: 'Fig. 2(b): success rate vs N/d',
  citation: 'Zhang et al. 2019, Section 6, Fig. 2(b)',
  scaleBy: 'd',
  curves: [
    { d: 20, K: 5 },
    { d: 50, K: 5 },
    { d: 100, K: 5 },
  ],
  init: 'tensor',
  eta: () => PAPER.eta,
  grid: {
    quick: { ratios: [4, 10, 20], trials: 3 },
    full: { ratios: [2, 4, 6, 8, 10, 14, 20, 30, 50, 80], trials: 10 },
  },
  paperComparison: (f) => ({
    'zhang.K': '5',
    'zhang.kappa': String(PAPER.kappa),
    'zhang.fig2b.d': f.scales,
    'zhang.fig2b.trials': f.trials,
    'zhang.fig2b.grid': f.grid,
    'zhang.success': String(PAPER.successThreshold),
    'zhang.fig2b.threshold': `N/d* [90% interval] ${f.thresholds}`,
  }),
  notes: [
    'd = 20, 50, 100; K = 5; kappa = 2; noiseless; tensor initialization; eta = 0.5; up to 3000 steps (early stop at loss 1e-12).',
  ],
});
