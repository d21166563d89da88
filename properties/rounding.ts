/**
 * Rounding-error bounds of the empirical loss and gradient, from the standard analysis of
 * floating-point sums (Higham, Accuracy and Stability, ch. 3): a sum of n products carries
 * an error at most gamma_n times the sum of the absolute products, gamma_n = n u / (1 - n u),
 * u = 2^-53. The finite-difference claims hold an implementation to these bounds (times a
 * safety factor), which is what "tolerance near rounding" means here: derived, not tuned.
 *
 * @example
 * ```ts
 * const eL = lossRoundingBound(data, W); // |fl(L_N(W)) - L_N(W)| <= eL
 * ```
 */
import type { Dataset, Weights } from '../src/core/layout.js';

/** Unit roundoff of binary64. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** gamma_n = n u / (1 - n u). @example gamma(10) */
export function gamma(n: number): number {
  return (n * UNIT_ROUNDOFF) / (1 - n * UNIT_ROUNDOFF);
}

/** Per-sample residuals r_i and their rounding bounds delta_i. */
interface Residuals {
  readonly r: Float64Array;
  readonly delta: Float64Array;
}

function residuals(data: Dataset, W: Weights): Residuals {
  const { n, d, X, y } = data;
  const { K } = W;
  const r = new Float64Array(n);
  const delta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let out = 0;
    let abs = 0;
    for (let k = 0; k < K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) {
        const p = W.data[k * d + j] * X[i * d + j];
        z += p;
        abs += Math.abs(p);
      }
      if (z > 0) out += z;
    }
    r[i] = out - y[i];
    // The output is a sum of d*K products and K partial sums, then y is subtracted.
    delta[i] = gamma(d + K + 1) * (abs + Math.abs(y[i]));
  }
  return { r, delta };
}

/**
 * A bound on the rounding error of L_N(W) = 1/(2N) sum r_i^2 as computed in binary64.
 * @example lossRoundingBound(data, W)
 */
export function lossRoundingBound(data: Dataset, W: Weights): number {
  const { r, delta } = residuals(data, W);
  let cross = 0;
  let sq = 0;
  for (let i = 0; i < r.length; i++) {
    cross += 2 * Math.abs(r[i]) * delta[i] + delta[i] * delta[i];
    sq += r[i] * r[i];
  }
  return (cross + gamma(data.n + 2) * sq) / (2 * data.n);
}

/**
 * Per-coordinate bounds on the rounding error of the gradient (1/N) sum_i r_i m_ki x_i
 * (the mask m is bounded by 1, so the bound holds whichever side of a kink is taken).
 * @example gradientRoundingBound(data, W)[q]
 */
export function gradientRoundingBound(data: Dataset, W: Weights): Float64Array {
  const { n, d, X } = data;
  const { r, delta } = residuals(data, W);
  const out = new Float64Array(W.data.length);
  const g = gamma(n + 2);
  for (let i = 0; i < n; i++) {
    const e = delta[i] + g * Math.abs(r[i]);
    for (let j = 0; j < d; j++) {
      const v = e * Math.abs(X[i * d + j]);
      for (let k = 0; k < W.K; k++) out[k * d + j] += v;
    }
  }
  for (let q = 0; q < out.length; q++) out[q] /= n;
  return out;
}
