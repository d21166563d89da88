/**
 * Ordinary least squares y = b0 + sum_j b_j x_j with the covariance of the coefficients, so
 * that any linear combination of them (an exponent, or the sum of two) gets a Student-t
 * interval and a p-value. The "of order" verdicts fit log error = a + b log N + c log d over
 * the cells of a grid with this, instead of a slope per window.
 *
 * @example
 * ```ts
 * const f = jointFit([[Math.log(100), Math.log(10)], ...], logErrors);
 * f.combination([0, 1, 0]); // b (the N exponent) with its standard error
 * ```
 */
import { fail } from '../../core/validate.js';

/** A linear combination of the coefficients and its standard error. */
export interface Combination {
  readonly estimate: number;
  readonly se: number;
}

/** A fit: coefficients [b0, b1, ...], residual degrees of freedom and standard deviation. */
export interface JointFit {
  readonly coefficients: readonly number[];
  readonly df: number;
  readonly residualSd: number;
  /** w . b and sqrt(w^T Cov(b) w), Cov(b) = s^2 (Z^T Z)^-1. */
  combination(weights: readonly number[]): Combination;
}

/** Inverse of a small symmetric positive definite matrix (Gauss-Jordan); undefined when singular. */
function invert(A: number[][]): number[][] | undefined {
  const p = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...A.map((row, i) => Math.abs(row[i])), 1e-300);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    // Relative to the diagonal: a factor that does not vary leaves a zero pivot up to rounding.
    if (Math.abs(M[piv][c]) < 1e-12 * scale) return undefined;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    for (let k = 0; k < 2 * p; k++) M[c][k] /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = M[r][c];
      for (let k = 0; k < 2 * p; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row) => row.slice(p));
}

/**
 * Fits `ys` on the rows of `xs` (an intercept is added). Undefined when the design is
 * singular (a factor that does not vary) or leaves no residual degree of freedom.
 */
export function jointFit(xs: readonly (readonly number[])[], ys: readonly number[]): JointFit | undefined {
  if (xs.length !== ys.length) fail('ys', `ys must have one entry per row of xs (${xs.length})`, ys.length);
  const p = (xs[0]?.length ?? 0) + 1;
  const n = ys.length;
  if (n <= p) return undefined;
  const Z = xs.map((row) => [1, ...row]);
  const ZtZ = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => Z.reduce((s, z) => s + z[a] * z[b], 0)));
  const inv = invert(ZtZ);
  if (!inv) return undefined;
  const Zty = Array.from({ length: p }, (_, a) => Z.reduce((s, z, i) => s + z[a] * ys[i], 0));
  const coefficients = inv.map((row) => row.reduce((s, v, j) => s + v * Zty[j], 0));
  const rss = Z.reduce((s, z, i) => s + (ys[i] - z.reduce((t, v, j) => t + v * coefficients[j], 0)) ** 2, 0);
  const df = n - p;
  const residualSd = Math.sqrt(rss / df);
  return {
    coefficients,
    df,
    residualSd,
    combination(weights: readonly number[]): Combination {
      if (weights.length !== p) fail('weights', `weights must have one entry per coefficient (${p})`, weights.length);
      const estimate = weights.reduce((s, w, j) => s + w * coefficients[j], 0);
      let q = 0;
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) q += weights[a] * inv[a][b] * weights[b];
      return { estimate, se: residualSd * Math.sqrt(Math.max(q, 0)) };
    },
  };
}
