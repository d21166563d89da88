/**
 * Non-orthogonal decomposition of R3 = sum_i lambda_i a_i^(x)3 (a_i = V wb_i, unit in the
 * population) by whitening with C = V P2 V^T = sum_i c_i a_i a_i^T, then the orthogonal
 * tensor power method ({@link orthogonalPowerMethod}).
 *
 * Why this method (the issue allows it where P2's weights share a sign): for ReLU with
 * v = +1 the weights of P2 = M2 are c_i = |w_i| / sqrt(2 pi) > 0, so C is positive definite
 * and with `Wh = Q L^{-1/2}` (C = Q L Q^T) the vectors `o_i = sqrt(c_i) Wh^T a_i` are
 * orthonormal; the whitened tensor R3(Wh, Wh, Wh) = sum_i lambda_i c_i^{-3/2} o_i^(x)3 is
 * orthogonally decomposable, and the power method is provably stable on it and converges
 * quadratically (so population moments give W* to rounding). Kuleshov-Chaganty-Liang's
 * joint diagonalization (see {@link jennrichDecomposition}) handles mixed signs but needs a
 * non-symmetric eigenproblem and more tuning. Unwhitening: `a_i ∝ Q L^{1/2} o_i`, and
 * `c_i = |Q L^{1/2} o_i|^2` for unit a_i.
 *
 * If the estimate of C is not positive definite (sample noise, or mixed-sign v) the
 * decomposition uses |L| and says so in `whiteningValid`.
 *
 * @example
 * ```ts
 * const comps = whitenedDecomposition(R3, C, K, stream);
 * comps.directions; // K x K rows, unit a_i
 * ```
 */
import { symmetricEigen } from '../linalg.js';
import type { RandomStream } from '../random.js';
import { orthogonalPowerMethod, type PowerMethodOptions } from './orthogonalPowerMethod.js';
import { decompositionResidual, multilinear, norm2 } from './symmetricTensor.js';

/** Components of R3 in the K-dimensional coordinates of the basis V. */
export interface TensorComponents {
  /** K x K rows: unit directions a_i (sign arbitrary; RecMagSign fixes it). */
  readonly directions: Float64Array;
  /** R3 ≈ sum_i lambdas_i a_i^(x)3, for the directions as given. */
  readonly lambdas: Float64Array;
  /**
   * Weight of the weakest component, min_i |mu_i|, in the whitened coordinates when
   * whitening (there the noise scale does not depend on alpha, so this is comparable
   * across alphas of unit norm); used to choose among several alphas.
   */
  readonly strength: number;
  /** |R3 - sum_i lambda_i a_i^(x)3|_F / |R3|_F. */
  readonly relativeResidual: number;
  /** Every iterative step met its tolerance. */
  readonly converged: boolean;
  /** False when C was not positive definite and |eigenvalues| were used. */
  readonly whiteningValid: boolean;
}

/**
 * Whitened orthogonal decomposition of R3 (K x K x K) using C (K x K).
 * @example whitenedDecomposition(R3, C, K, stream, { restarts: 10 })
 */
export function whitenedDecomposition(
  R3: Float64Array,
  C: Float64Array,
  K: number,
  stream: RandomStream,
  options: PowerMethodOptions = {},
): TensorComponents {
  const { values, vectors } = symmetricEigen(C, K);
  let whiteningValid = true;
  const Wh = new Float64Array(K * K); // Wh[p, a] = Q[p, a] / sqrt(|l_a|)
  const Ch = new Float64Array(K * K); // C^{1/2}-like factor Q L^{1/2}: Ch[p, a] = Q[p, a] sqrt(|l_a|)
  for (let a = 0; a < K; a++) {
    if (!(values[a] > 0)) whiteningValid = false;
    const l = Math.abs(values[a]) || Number.MIN_VALUE;
    for (let p = 0; p < K; p++) {
      Wh[p * K + a] = vectors[a * K + p] / Math.sqrt(l);
      Ch[p * K + a] = vectors[a * K + p] * Math.sqrt(l);
    }
  }
  const Tw = multilinear(R3, K, Wh, K);
  const pm = orthogonalPowerMethod(Tw, K, stream, options);
  const directions = new Float64Array(K * K);
  const lambdas = new Float64Array(K);
  let minMu = Infinity;
  for (let i = 0; i < K; i++) {
    const o = pm.vectors.subarray(i * K, (i + 1) * K);
    const a = new Float64Array(K);
    for (let p = 0; p < K; p++) {
      let s = 0;
      for (let b = 0; b < K; b++) s += Ch[p * K + b] * o[b];
      a[p] = s;
    }
    const n = norm2(a); // = sqrt(c_i)
    for (let p = 0; p < K; p++) directions[i * K + p] = a[p] / n;
    lambdas[i] = pm.values[i] * n * n * n; // lambda_i = mu_i c_i^{3/2}
    minMu = Math.min(minMu, Math.abs(pm.values[i]));
  }
  return {
    directions,
    lambdas,
    strength: minMu,
    relativeResidual: decompositionResidual(R3, K, lambdas, directions) / (norm2(R3) || 1),
    converged: pm.converged.every(Boolean),
    whiteningValid,
  };
}
