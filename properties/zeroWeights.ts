/**
 * Closed forms at W = 0, where every pre-activation w_k . x_i is exactly 0 (in any format and
 * summation order) and the network's output is 0: the mask is relu'(0) for every sample and
 * unit, so the gradient, the Gauss-Newton HVP and the first GD step are fixed by the kink
 * convention alone. Under relu'(0) = c:
 *   grad_k = -(c/N) sum_i y_i x_i,        (H u)_k = (c/N) sum_i x_i sum_l u_l . x_i,
 * the same for every unit k; under relu'(0) = 0 both are 0 and GD never leaves W = 0. The
 * claims gradient-at-kink, hvp-fd and gd-consistency hold an implementation to these under
 * its declared convention, with the rounding bounds below (Higham's gamma_n on sums of
 * absolute terms, twice: relucheck's float64 evaluation and the implementation's).
 *
 * @example
 * ```ts
 * const g = gradientAtZero(data, 3, 0); // all zeros
 * const e = gradientAtZeroBound(data, 2 ** -53); // per-entry rounding allowance
 * ```
 */
import type { Dataset, Weights } from '../src/core/layout.js';
import type { ReluAtZero } from '../src/impl/Implementation.js';
import { gamma, inputRoundings } from './rounding.js';

/** The d x K zero matrix. @example zeroWeights(3, 2).data.length === 6 */
export function zeroWeights(d: number, K: number): Weights {
  return { d, K, data: new Float64Array(d * K) };
}

/** grad L_N(0) under relu'(0) = c: every column -(c/N) sum_i y_i x_i. @example gradientAtZero(data, 2, 1) */
export function gradientAtZero(data: Dataset, K: number, reluAtZero: ReluAtZero): Float64Array {
  const { n, d, X, y } = data;
  const column = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) column[j] -= reluAtZero * y[i] * X[i * d + j];
  const out = new Float64Array(d * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) out[k * d + j] = column[j] / n;
  return out;
}

/**
 * Per-entry allowance for |computed - exact| of both evaluations of the gradient at 0: a sum
 * of N products y_i x_ij (each input converted once in a coarser format), then 1/N.
 * @example gradientAtZeroBound(data, 2 ** -24)
 */
export function gradientAtZeroBound(data: Dataset, u: number): number {
  const { n, d, X, y } = data;
  let S = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(y[i] * X[i * d + j]);
    S = Math.max(S, s / n);
  }
  return (gamma(n + 2 + 2 * inputRoundings(u), u) + gamma(n + 2)) * S;
}

/** H(0) u under relu'(0) = c: every column (c/N) sum_i x_i sum_l u_l . x_i. @example hvpAtZero(data, u, 2, 1) */
export function hvpAtZero(data: Dataset, u: Float64Array, K: number, reluAtZero: ReluAtZero): Float64Array {
  const { n, d, X } = data;
  const column = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d * K; q++) s += u[q] * X[i * d + (q % d)];
    for (let j = 0; j < d; j++) column[j] += reluAtZero * s * X[i * d + j];
  }
  const out = new Float64Array(d * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) out[k * d + j] = column[j] / n;
  return out;
}

/**
 * Per-entry allowance for both evaluations of H(0) u: N products of x_ij with a dK-term dot
 * product, then 1/N (inputs converted once in a coarser format).
 * @example hvpAtZeroBound(data, u, 2, 2 ** -53)
 */
export function hvpAtZeroBound(data: Dataset, u: Float64Array, K: number, unitRoundoff: number): number {
  const { n, d, X } = data;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let q = 0; q < d * K; q++) abs[i] += Math.abs(u[q] * X[i * d + (q % d)]);
  let S = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += abs[i] * Math.abs(X[i * d + j]);
    S = Math.max(S, s / n);
  }
  const terms = d * K + n + 2;
  return (gamma(terms + 3 * inputRoundings(unitRoundoff), unitRoundoff) + gamma(terms)) * S;
}

/** max_q |a_q - b_q|. @example maxAbsDifference(a, b) */
export function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let q = 0; q < a.length; q++) m = Math.max(m, Math.abs(a[q] - b[q]));
  return a.length === b.length ? m : Infinity;
}
