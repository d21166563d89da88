/**
 * Rounding-error bounds of the empirical loss and gradient, from the standard analysis of
 * floating-point sums (Higham, Accuracy and Stability, ch. 3): a sum of n products carries
 * an error at most gamma_n times the sum of the absolute products, gamma_n = n u / (1 - n u),
 * with u the unit roundoff of the implementation's arithmetic (2^-53 for float64, the
 * default; 2^-24 for float32, CheckContext.unitRoundoff). The finite-difference claims hold an
 * implementation to these bounds (times a safety factor), which is what "tolerance near
 * rounding" means here: derived, not tuned.
 *
 * Two things change when the implementation computes in a format coarser than the float64 in
 * which its inputs travel: it rounds every input once more on the way in (counted by
 * {@link inputRoundings}), and its rounded pre-activation w_k . x_i may land on the other side
 * of the kink than the exact one, which changes that sample's term of the gradient by
 * |r_i| |x_i| / N. The gradient bound adds that term for every sample whose |w_k . x_i| is
 * within the pre-activation's own rounding bound (plus an optional distance the exact point
 * may lie away): in float64 this happens with probability ~1e-14 per sample, in float32
 * ~1e-6, often enough over thousands of samples and cases to need saying.
 *
 * @example
 * ```ts
 * const eL = lossRoundingBound(data, W); // |fl(L_N(W)) - L_N(W)| <= eL (float64)
 * const eg = gradientRoundingBound(data, W, 2 ** -24); // per entry, float32
 * ```
 */
import type { Dataset, Weights } from '../src/core/layout.js';

/** Unit roundoff of binary64. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** gamma_n = n u / (1 - n u), by default for binary64. @example gamma(10); gamma(10, 2 ** -24) */
export function gamma(n: number, u = UNIT_ROUNDOFF): number {
  return (n * u) / (1 - n * u);
}

/**
 * Roundings each input undergoes inside an implementation of unit roundoff u: none in
 * float64 (inputs are used as sent), one (the conversion) in any coarser format.
 * @example inputRoundings(2 ** -24) === 1
 */
export function inputRoundings(u: number): number {
  return u > UNIT_ROUNDOFF ? 1 : 0;
}

/**
 * Relative rounding of a point relucheck computes in float64 and then hands over (W + h U, a
 * rotated x): u64 for its own arithmetic, plus u for the implementation's conversion.
 * @example pointRounding(2 ** -53) === 2 ** -53
 */
export function pointRounding(u: number): number {
  return UNIT_ROUNDOFF + inputRoundings(u) * u;
}

/** Per-sample residuals r_i, their rounding bounds delta_i, and the pre-activations near a kink. */
interface Residuals {
  readonly r: Float64Array;
  readonly delta: Float64Array;
  /** Pairs (i, k) whose computed mask may differ from the exact one (flattened i, k, i, k, ...). */
  readonly nearKink: readonly number[];
}

function residuals(data: Dataset, W: Weights, u: number, moved: number): Residuals {
  const { n, d, X, y } = data;
  const { K } = W;
  const c = inputRoundings(u);
  const r = new Float64Array(n);
  const delta = new Float64Array(n);
  const nearKink: number[] = [];
  // w_k . x_i with w and x converted: d products of two rounded inputs, summed.
  const gz = gamma(d + 2 * c, u);
  for (let i = 0; i < n; i++) {
    let out = 0;
    let abs = 0;
    let xn = 0;
    if (moved > 0) for (let j = 0; j < d; j++) xn += X[i * d + j] ** 2;
    for (let k = 0; k < K; k++) {
      let z = 0;
      let zAbs = 0;
      for (let j = 0; j < d; j++) {
        const p = W.data[k * d + j] * X[i * d + j];
        z += p;
        zAbs += Math.abs(p);
      }
      abs += zAbs;
      if (z > 0) out += z;
      // z === 0 exactly is a constructed kink, where the mask is the declared convention's
      // (gradient-at-kink checks it); the bound is for masks that rounding may flip.
      if (z !== 0 && Math.abs(z) <= gz * zAbs + moved * Math.sqrt(xn)) nearKink.push(i, k);
    }
    r[i] = out - y[i];
    // The output is a sum of d*K products and K partial sums, then y is subtracted (plus, in
    // a coarser format, the conversions of w and x in each product and of y).
    delta[i] = gamma(d + K + 1 + 2 * c, u) * (abs + Math.abs(y[i]));
  }
  return { r, delta, nearKink };
}

/**
 * A bound on the rounding error of L_N(W) = 1/(2N) sum r_i^2 as computed with unit roundoff u.
 * @example lossRoundingBound(data, W)
 */
export function lossRoundingBound(data: Dataset, W: Weights, u = UNIT_ROUNDOFF): number {
  const { r, delta } = residuals(data, W, u, 0);
  let cross = 0;
  let sq = 0;
  for (let i = 0; i < r.length; i++) {
    cross += 2 * Math.abs(r[i]) * delta[i] + delta[i] * delta[i];
    sq += r[i] * r[i];
  }
  return (cross + gamma(data.n + 2, u) * sq) / (2 * data.n);
}

/**
 * Per-coordinate bounds on the rounding error of the gradient (1/N) sum_i r_i m_ki x_i
 * computed with unit roundoff u. The mask m is bounded by 1, so the rounding part holds
 * whichever side of a kink is taken; a sample whose pre-activation rounding (or `moved`, a
 * Frobenius distance the exact point may lie from W) can carry across the kink adds its
 * whole term (|r_i| + delta_i) |x_ij| / N to unit k's entries.
 * @example gradientRoundingBound(data, W)[q]
 */
export function gradientRoundingBound(data: Dataset, W: Weights, u = UNIT_ROUNDOFF, moved = 0): Float64Array {
  const { n, d, X } = data;
  const { r, delta, nearKink } = residuals(data, W, u, moved);
  const out = new Float64Array(W.data.length);
  // N terms r_i x_ij (x_ij converted), summed, times 1/N.
  const g = gamma(n + 2 + inputRoundings(u), u);
  for (let i = 0; i < n; i++) {
    const e = delta[i] + g * Math.abs(r[i]);
    for (let j = 0; j < d; j++) {
      const v = e * Math.abs(X[i * d + j]);
      for (let k = 0; k < W.K; k++) out[k * d + j] += v;
    }
  }
  for (let p = 0; p < nearKink.length; p += 2) {
    const i = nearKink[p];
    const k = nearKink[p + 1];
    const e = (1 + g) * (Math.abs(r[i]) + delta[i]);
    for (let j = 0; j < d; j++) out[k * d + j] += e * Math.abs(X[i * d + j]);
  }
  for (let q = 0; q < out.length; q++) out[q] /= n;
  return out;
}
