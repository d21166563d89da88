/**
 * The local linear rate of gradient descent near a noiseless global minimum W*, predicted from
 * the spectrum of the empirical Hessian H_N(W*) (Zhang et al. 2019, Fig. 2(a), made sharp).
 *
 * Why it is exact, not a bound: with no noise every residual vanishes at W*, and near W* no
 * w_k . x_i changes sign, so L_N is exactly the quadratic (1/2) e^T H_N e in e = W - W*
 * (THEORY.md, "Away from kinks"). Gradient descent is then the linear map
 * e_{t+1} = (I - eta H_N) e_t, whose slowest mode contracts by (1 - eta lambda_min) per step
 * as long as |1 - eta lambda_max| < 1 - eta lambda_min, i.e. eta (lambda_min + lambda_max) < 2.
 * The loss is quadratic in e, so it falls by (1 - eta lambda_min)^2 per step once that mode
 * dominates: one decade of loss every 1 / (-2 log10(1 - eta lambda_min)) steps.
 *
 * @example
 * ```ts
 * predictedStepsPerDecade({ lambdaMin: 0.057, lambdaMax: 1.71, eta: 0.5 }); // ~39.3
 * ```
 */
import { fitLine } from '../core/stats/fitLine.js';
import { assertAtLeast, fail } from '../core/validate.js';

/** The curvature extremes of H_N(W*) and the step size. */
export interface LocalRateInput {
  /** Smallest eigenvalue of the empirical Hessian at W* (> 0). */
  readonly lambdaMin: number;
  /** Largest eigenvalue of the empirical Hessian at W* (>= lambdaMin). */
  readonly lambdaMax: number;
  /** Step size (> 0). */
  readonly eta: number;
}

/**
 * Steps per decade of loss, `1 / (-2 log10(1 - eta lambda_min))`. A ValidationError when the
 * slowest mode is not lambda_min's (eta (lambda_min + lambda_max) >= 2: the lambda_max mode
 * then contracts more slowly or diverges, and the formula would not describe the run).
 * @example predictedStepsPerDecade({ lambdaMin: 0.1, lambdaMax: 1, eta: 0.5 }) // 1 / (-2 log10 0.95)
 */
export function predictedStepsPerDecade(input: LocalRateInput): number {
  const { lambdaMin, lambdaMax, eta } = input;
  assertAtLeast('lambdaMin', lambdaMin, 0, true);
  assertAtLeast('lambdaMax', lambdaMax, lambdaMin);
  assertAtLeast('eta', eta, 0, true);
  if (!(eta * (lambdaMin + lambdaMax) < 2)) {
    fail('eta', `eta (lambdaMin + lambdaMax) must be below 2 so that lambda_min sets the rate (lambdaMin ${lambdaMin}, lambdaMax ${lambdaMax})`, eta);
  }
  return 1 / (-2 * Math.log10(1 - eta * lambdaMin));
}

/**
 * Measured steps per decade of a loss curve: minus the reciprocal of the least-squares slope
 * of log10 loss against t over the steps whose loss lies in [lo, hi] (both > 0). NaN when
 * fewer than 3 steps fall in the window or the curve does not fall there.
 * @example measuredStepsPerDecade([0, -1, -2, -3, -4], 1e-4, 1) // 1
 */
export function measuredStepsPerDecade(log10Loss: readonly number[], lo: number, hi: number): number {
  assertAtLeast('lo', lo, 0, true);
  assertAtLeast('hi', hi, lo, true);
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const ts: number[] = [];
  const ys: number[] = [];
  log10Loss.forEach((v, t) => {
    if (v >= a && v <= b) {
      ts.push(t);
      ys.push(v);
    }
  });
  if (ts.length < 3) return NaN;
  const slope = fitLine(ts, ys).b;
  return slope < 0 ? -1 / slope : NaN;
}

/**
 * Relative tolerance on measured / predicted, on each side. Why two sides: the loss is a sum
 * of decaying exponentials with non-negative weights (one per eigenmode of H_N), so its log is
 * convex in t and the decay over any window is at least the slowest mode's: measured steps per
 * decade can fall short of the prediction (faster modes not yet gone) but can exceed it only
 * by fitting noise. `above` is that noise; `below` is how far the faster modes may still
 * contribute inside the window.
 */
export interface RateTolerance {
  readonly below: number;
  readonly above: number;
}

/** How a measured rate compares with its prediction. */
export interface RateAgreement {
  /** measured / predicted. */
  readonly ratio: number;
  /** 1 - below <= ratio <= 1 + above. */
  readonly agrees: boolean;
}

/**
 * Whether a measured rate agrees with the prediction within `tolerance` (NaN measured:
 * ratio NaN, does not agree).
 * @example rateAgreement(38.9, 39.3, { below: 0.02, above: 0.005 }) // { ratio: 0.99, agrees: true }
 */
export function rateAgreement(measured: number, predicted: number, tolerance: RateTolerance): RateAgreement {
  assertAtLeast('predicted', predicted, 0, true);
  assertAtLeast('tolerance.below', tolerance.below, 0);
  assertAtLeast('tolerance.above', tolerance.above, 0);
  const ratio = measured / predicted;
  return { ratio, agrees: ratio >= 1 - tolerance.below && ratio <= 1 + tolerance.above };
}
