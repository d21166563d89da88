/**
 * Non-orthogonal decomposition of R3 = sum_i lambda_i a_i^(x)3 (a_i = V wb_i, unit in the
 * population) by whitening with C = V P2 V^T = sum_i c_i a_i a_i^T, then the (signed)
 * tensor power method ({@link orthogonalPowerMethod}).
 *
 * Positive weights (ReLU, v = +1): c_i = |w_i| / sqrt(2 pi) > 0, C is positive definite and
 * with `Wh = Q L^{-1/2}` (C = Q L Q^T) the vectors `o_i = sqrt(c_i) Wh^T a_i` are orthonormal;
 * the whitened tensor R3(Wh, Wh, Wh) = sum_i lambda_i c_i^{-3/2} o_i^(x)3 is orthogonally
 * decomposable, and the power method is provably stable on it and converges quadratically
 * (Anandkumar et al. 2014), so population moments give W* to rounding. If the estimate of C
 * is not positive definite (sample noise) this mode ('absolute') uses |L| and says so in
 * `whiteningValid`.
 *
 * Mixed-sign weights (v unknown, mode 'signed'): C = A D A^T with D = diag(c_i) indefinite.
 * Whiten with the absolute eigenvalues, `Wh = Q |L|^{-1/2}`, so that `Wh^T C Wh = J :=
 * sign(L)`, and let B = Wh^T A |D|^{1/2} (columns o_i = sqrt|c_i| Wh^T a_i), S = sign(D).
 * Then `B S B^T = Wh^T A D A^T Wh = J`; B is square and invertible, so `B^{-1} = S B^T J`
 * and hence `B^T J B = S`: the o_i are orthonormal in the indefinite form J,
 * `o_i^T J o_j = S_i delta_ij` (and S has J's inertia, Sylvester). They are NOT orthonormal
 * unless the a_i of opposite signs are C-orthogonal, so |L|-whitening alone does not give an
 * orthogonally decomposable tensor (that is the planted bug 'unsigned whitening'). But the
 * power map with J inserted, theta -> T_w(I, J theta, J theta), acts on the component
 * coordinates exactly like the orthogonal map (orthogonalPowerMethod.ts), so the sign
 * pattern J = sign of C's eigenvalues is all that must be tracked. Equivalently: the map is
 * theta -> R3(I, C^{-1} theta, C^{-1} theta) in the unwhitened coordinates, since
 * Wh J Wh^T = Q L^{-1} Q^T = C^{-1}; whitening just makes it well scaled. In exact
 * arithmetic the result is exact (population moments: W* to rounding); its sensitivity to
 * noise grows with the condition number of B and with 1 / min|l_a| (C's smallest
 * eigenvalue in magnitude), which cancellation between opposite-sign units can make small.
 * Unwhitening is the same in both modes: `a_i ∝ Q |L|^{1/2} o_i`, with norm sqrt|c_i| for
 * J-normalized o_i, and lambda_i = mu_i |c_i|^{3/2}.
 *
 * This replaces Jennrich's two-slice simultaneous diagonalization (the previous unknown-v
 * path), which is exact on population moments but whose eigenvectors have condition number
 * ~ 1 / (smallest gap between ratios of two random projections) and blew up on samples
 * (aligned error up to 1.5e4 at N = 1e5; measured in scripts/unknown-signs-compare.ts).
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
  /**
   * 'absolute': false when C was not positive definite and |eigenvalues| were used.
   * 'signed': false when C was numerically singular (some |l_a| <= 1e-12 max |l|).
   */
  readonly whiteningValid: boolean;
}

/** How C's eigenvalues enter: 'absolute' (|L|, J = I) or 'signed' (J = sign(L) tracked). */
export type WhiteningMode = 'absolute' | 'signed';

/** Options of {@link whitenedDecomposition}. */
export interface WhitenedOptions extends Omit<PowerMethodOptions, 'signature'> {
  /** Default 'absolute' (positive weights); 'signed' for weights of mixed sign. */
  readonly whitening?: WhiteningMode;
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
  options: WhitenedOptions = {},
): TensorComponents {
  const mode = options.whitening ?? 'absolute';
  const { values, vectors } = symmetricEigen(C, K);
  let lmax = 0;
  for (const l of values) lmax = Math.max(lmax, Math.abs(l));
  const signature = mode === 'signed' ? Float64Array.from(values, (l) => (l < 0 ? -1 : 1)) : undefined;
  let whiteningValid = true;
  const Wh = new Float64Array(K * K); // Wh[p, a] = Q[p, a] / sqrt(|l_a|)
  const Ch = new Float64Array(K * K); // C^{1/2}-like factor Q L^{1/2}: Ch[p, a] = Q[p, a] sqrt(|l_a|)
  for (let a = 0; a < K; a++) {
    if (mode === 'absolute' ? !(values[a] > 0) : !(Math.abs(values[a]) > 1e-12 * lmax)) whiteningValid = false;
    const l = Math.abs(values[a]) || Number.MIN_VALUE;
    for (let p = 0; p < K; p++) {
      Wh[p * K + a] = vectors[a * K + p] / Math.sqrt(l);
      Ch[p * K + a] = vectors[a * K + p] * Math.sqrt(l);
    }
  }
  const Tw = multilinear(R3, K, Wh, K);
  const pm = orthogonalPowerMethod(Tw, K, stream, signature ? { ...options, signature } : options);
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
  const strength = signature ? signedStrength(Tw, K, pm.values, pm.vectors, minMu) : minMu;
  return {
    directions,
    lambdas,
    strength,
    relativeResidual: decompositionResidual(R3, K, lambdas, directions) / (norm2(R3) || 1),
    converged: pm.converged.every(Boolean),
    whiteningValid,
  };
}

/**
 * Signed mode's score for choosing among alphas: the weakest component's signal-to-residual
 * ratio in whitened coordinates, min|mu| / |T_w - sum mu_i o_i^(x)3|_F (an exact fit scores
 * Infinity). min|mu| alone (the positive mode's score) is fooled by spurious fixed points of
 * a noisy tensor, whose J-normalization inflates mu while their fit is poor: measured with
 * scripts/unknown-signs-compare.ts (ReLU, d = 10, K = 5, 100 seeds, N = 1e4) max aligned
 * error 1.40 with min|mu|, 0.54 with the ratio; at N = 1e5 0.106 vs 0.098.
 */
function signedStrength(Tw: Float64Array, K: number, mu: Float64Array, O: Float64Array, minMu: number): number {
  return minMu / decompositionResidual(Tw, K, mu, O);
}
