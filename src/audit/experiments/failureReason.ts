/**
 * Why a recovery run failed, from what it recorded at its end (recovery.ts): a failed run is
 * evidence against a sample-complexity claim only if GD had finished, so each one gets a reason.
 *
 * - `diverged`: the iterates overflowed (the step was too large for this sample's curvature).
 * - `spurious stationary point`: GD has stopped making progress away from W*. Detected by
 *   the gradient (|grad L_N|_F <= the run's gradient tolerance), by a zero loss away from W*
 *   (N too small to pin W* down), or by a plateau: the loss fell by less than
 *   1 - {@link PLATEAU_RATIO} over the last PLATEAU_WINDOW share of the budget. Measured on
 *   Fig. 2(c) (d = 20, K = 10 and 15, seed 1): the stalled runs bounce at a kink with
 *   |grad| ~ 1e-2 and a loss flat to 1e-4 for 60,000-90,000 steps, so the gradient alone never
 *   detects them; the plateau does.
 * - `still converging`: the budget ran out while the loss was still falling. Such a run is no
 *   evidence either way (one of them, at loss ratio 0.987, reached W* 5,700 steps later).
 *
 * Why a plateau cannot be a run near W*: there GD contracts the loss by about (1 - eta mu)^2
 * per step, mu = lambda_min(H_N(W*)). The budgets scale as 1/eta, so eta x window is the same
 * for every K (0.5 x 300 = 150 for Fig. 2(b)-(c)); with mu >= 0.0089 (measured at N/K >= 40,
 * K = 5, 10, 15, d = 20) the loss ratio over the window is <= exp(-2 x 150 x 0.0089) = 0.07,
 * far below 0.99. A run that is merely slow is classed `still converging`: the error of the
 * detector falls on the conservative side (undecided, never a false failure).
 *
 * @example
 * ```ts
 * failureReason(record.result, 1e-3)?.reason; // 'still converging'
 * ```
 */
import type { TrialResult } from './types.js';

/** The share of the step budget over which the end of a run is checked for a plateau. */
export const PLATEAU_WINDOW = 0.1;

/** A plateau: L_N(end) / L_N(end - window) at or above this (the loss fell by < 1%). */
export const PLATEAU_RATIO = 0.99;

/** The reasons a run failed. */
export type FailureReason = 'spurious stationary point' | 'still converging' | 'diverged';

/** Every reason, in table order. */
export const FAILURE_REASONS: readonly FailureReason[] = ['spurious stationary point', 'still converging', 'diverged'];

/** A failed run's reason and the detector that gave it, in words. */
export interface FailureDiagnosis {
  readonly reason: FailureReason;
  readonly detector: string;
}

/**
 * The reason a run failed, or undefined when it succeeded (relative error <= `success`).
 * Reads relError, diverged, stoppedBy, lossWindowRatio, gradientNorm and finalLoss.
 */
export function failureReason(r: TrialResult, success: number): FailureDiagnosis | undefined {
  if (r.diverged === true) return { reason: 'diverged', detector: 'the iterates overflowed' };
  if (typeof r.relError === 'number' && r.relError <= success) return undefined;
  const g = Number(r.gradientNorm).toExponential(1);
  switch (r.stoppedBy) {
    case 'gradient':
      return { reason: 'spurious stationary point', detector: `stationary: |grad L_N|_F = ${g} reached the gradient tolerance` };
    case 'loss':
      return { reason: 'spurious stationary point', detector: `zero loss away from W* (L_N = ${Number(r.finalLoss).toExponential(1)}): the sample does not pin W* down` };
    case 'budget': {
      const ratio = Number(r.lossWindowRatio);
      return ratio >= PLATEAU_RATIO
        ? { reason: 'spurious stationary point', detector: `plateau: L_N changed by a factor ${ratio.toFixed(4)} over the budget's last ${PLATEAU_WINDOW * 100}% (|grad| ${g})` }
        : { reason: 'still converging', detector: `L_N still falling at the budget's end (factor ${ratio.toPrecision(3)} over its last ${PLATEAU_WINDOW * 100}%)` };
    }
    default:
      throw new Error(`record lacks stoppedBy (recorded by an older revision?): ${JSON.stringify(r.stoppedBy)}`);
  }
}
