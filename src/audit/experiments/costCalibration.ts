/**
 * Factors that bring each experiment's static cost model (TrialSpec.cost: an operation count
 * of its GD, in 1e-9 units) to a common scale of measured time. The models count the work of
 * their main loop but not what else a trial does (tensor initialization, Hessians, eigenvalue
 * searches, early stops), so per unit of estimated cost the experiments took from 0.34x to 17x
 * the audit's average time. The scheduler (longest estimate first) and the ETA's prior both
 * read the cost, so an experiment whose estimate is 17x low ran last and the ETA missed it.
 *
 * Measured on two quick audits (2 workers, 109 trials each, 2026-12-04, the machine shared
 * with other jobs): seed 1 (336 s of worker time, load average 4 rising to 15) and seed 2
 * (240 s, load ~12-14). Worker ms per unit of estimated cost over each run's average:
 *
 *   group                     seed 1   seed 2   factor (geometric mean)
 *   fig2a                      0.79     0.89     0.84
 *   fig2b                      0.34     0.51     0.42
 *   fig2c                      0.49     0.65     0.56
 *   fig2d                      0.69     1.07     0.86
 *   resampling                 1.28     1.13     1.2
 *   constants                  1.66     2.62     2.1
 *   Zhong Fig. 1(a)/(b)        3.27     3.25     3.3
 *   Zhong Fig. 1(c)            16.7     5.52     9.6
 *
 * Zhong Fig. 1(c) was 2.2% of the estimated cost and 37% (seed 1) or 12% (seed 2) of the
 * time; its three trials took 33-52 s in seed 1, where they ran last at the highest load,
 * and 9-11 s in seed 2, so its factor is the least certain (a factor 2 either way).
 *
 * Each factor is the geometric mean of the two runs' ratios, to 2 significant digits. Within an experiment trial times still
 * scatter 2-5x around their model (noise, load, early stops); the ETA learns the rest from
 * finished trials (runner/progress.ts). Re-measure: `node scripts/audit-costs.mjs
 * audit-out/results.jsonl` (after a recalibration every ratio should be near 1).
 *
 * @example
 * ```ts
 * const cost = N * d * K * steps * 1e-9 * COST_SCALE.fig2d;
 * ```
 */

/** Measured time per unit of modelled cost, relative to the audit's average (see above). */
export const COST_SCALE = {
  fig2a: 0.84,
  fig2b: 0.42,
  fig2c: 0.56,
  fig2d: 0.86,
  constants: 2.1,
  zhongFig1ab: 3.3,
  zhongFig1c: 9.6,
  resampling: 1.2,
} as const satisfies Readonly<Record<string, number>>;

/** The factor of a success-curve experiment (fig2b, fig2c), 1 for one not measured. */
export function successCurveCostScale(id: string): number {
  return id === 'fig2b' ? COST_SCALE.fig2b : id === 'fig2c' ? COST_SCALE.fig2c : 1;
}
