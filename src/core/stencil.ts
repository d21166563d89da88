/**
 * Finite-difference stencils that never cross a kink.
 *
 * Along W + t U the pre-activation of unit k on sample i is z_ki + t (u_k . x_i). It keeps
 * its sign for |t| < |z_ki| / |u_k . x_i|, so below the smallest such ratio the activation
 * pattern is fixed and L_N(W + t U) is an exact quadratic in t: the central difference
 * then equals the directional derivative up to rounding alone, and a test can hold it to a
 * tolerance near machine precision.
 *
 * @example
 * ```ts
 * const h = kinkFreeStep(data, W, U);         // largest safe half-width, times `fraction`
 * const fd = centralDifference((V) => loss(data, V), W, U, h);
 * ```
 */
import type { Dataset, Weights } from './layout.js';

/**
 * `fraction` times the largest half-width h for which no `w_k . x_i` changes sign (or
 * leaves zero) inside [W - hU, W + hU]. Returns 0 when W sits exactly on a kink that U moves
 * across, and Infinity when U never changes a sign.
 */
export function kinkFreeStep(data: Dataset, W: Weights, U: Float64Array, fraction = 0.5): number {
  const { n, d, X } = data;
  const { K } = W;
  let hmax = Infinity;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let k = 0; k < K; k++) {
      let z = 0;
      let dz = 0;
      for (let j = 0; j < d; j++) {
        z += W.data[k * d + j] * X[base + j];
        dz += U[k * d + j] * X[base + j];
      }
      if (dz !== 0) hmax = Math.min(hmax, Math.abs(z) / Math.abs(dz));
    }
  }
  return fraction * hmax;
}

/**
 * Smallest |w_k . x_i| / (|w_k| |x_i|) over units and samples: how close W is to a kink,
 * scale-free. 0 means some sample lies exactly on a unit's hyperplane.
 * @example minKinkMargin(data, W) > 1e-3
 */
export function minKinkMargin(data: Dataset, W: Weights): number {
  const { n, d, X } = data;
  let m = Infinity;
  for (let k = 0; k < W.K; k++) {
    let wn = 0;
    for (let j = 0; j < d; j++) wn += W.data[k * d + j] ** 2;
    wn = Math.sqrt(wn);
    for (let i = 0; i < n; i++) {
      let z = 0;
      let xn = 0;
      for (let j = 0; j < d; j++) {
        z += W.data[k * d + j] * X[i * d + j];
        xn += X[i * d + j] ** 2;
      }
      m = Math.min(m, Math.abs(z) / (wn * Math.sqrt(xn)));
    }
  }
  return m;
}

/**
 * (f(W + hU) - f(W - hU)) / (2h).
 * @example centralDifference((V) => loss(data, V), W, U, 1e-3)
 */
export function centralDifference(
  f: (W: Weights) => number,
  W: Weights,
  U: Float64Array,
  h: number,
): number {
  const plus = new Float64Array(W.data.length);
  const minus = new Float64Array(W.data.length);
  for (let q = 0; q < plus.length; q++) {
    plus[q] = W.data[q] + h * U[q];
    minus[q] = W.data[q] - h * U[q];
  }
  const fp = f({ d: W.d, K: W.K, data: plus });
  const fm = f({ d: W.d, K: W.K, data: minus });
  return (fp - fm) / (2 * h);
}
