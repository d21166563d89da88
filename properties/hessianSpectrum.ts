/**
 * The extreme curvature of an implementation's Hessian at one point, from its Hessian-vector
 * products alone: the n = dK products with the unit vectors give the matrix A the
 * implementation applies, and the small dense symmetric eigensolver (tred2 + QL,
 * src/core/curvature/denseSymmetricEigen.ts) gives
 *
 * - {@link smallestCurvature}: the smallest eigenvalue of the symmetric part (A + A^T) / 2, which is
 *   min over unit u of u^T A u: what Lemma 5.1's H >= mu I states, and the least any probe
 *   u^T H u could ever show (random probes saw about 1.5-2x it);
 * - {@link largestCurvature}: the largest singular value of A, max over unit u of |A u|: what Lemma 5.2's
 *   |H u| <= L |u| states (for a symmetric A, max |eigenvalue|).
 *
 * Why not random probes: their minimum over the calibration's cases was 0.0838 against the
 * eigenvalues' 0.0547 (population), so a constant calibrated on probes is not the eigenvalue
 * bound that the contraction claim's derivation (Hbar >= mu I) needs. Why dense rather than
 * Lanczos: the curvature claims have n <= 18, where Lanczos needs about n products anyway to
 * resolve lambda_min, and the dense route is exact to rounding with no convergence test.
 *
 * @example
 * ```ts
 * const mu = await smallestCurvature((u) => impl.hvp!(data, W, u), W.data.length);
 * const L = await largestCurvature((u) => impl.hvp!(data, W, u), W.data.length);
 * ```
 */
import { denseSymmetricEigen } from '../src/core/curvature/denseSymmetricEigen.js';

/** The n x n row-major matrix whose column j is hv(e_j) (n calls, in order). */
async function columns(hv: (u: Float64Array) => Promise<Float64Array>, n: number): Promise<Float64Array> {
  const A = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const col = await hv(e);
    for (let i = 0; i < n; i++) A[i * n + j] = col[i];
  }
  return A;
}

/** Smallest eigenvalue of (A + A^T) / 2. */
function symmetricPartMin(A: Float64Array, n: number): number {
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (A[i * n + j] + A[j * n + i]);
  return denseSymmetricEigen(S, n).values[0];
}

/** sqrt of the largest eigenvalue of A^T A. */
function largestSingularValue(A: Float64Array, n: number): number {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += A[r * n + i] * A[r * n + j];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  }
  return Math.sqrt(Math.max(0, denseSymmetricEigen(G, n).values[n - 1]));
}

/**
 * lambda_min of the symmetric part of the matrix an HVP applies (n products). Non-finite
 * answers give NaN, which the claims' bounds reject.
 * @example await smallestCurvature(async (u) => u.map((v) => -v), 2) // -1
 */
export async function smallestCurvature(hv: (u: Float64Array) => Promise<Float64Array>, n: number): Promise<number> {
  const A = await columns(hv, n);
  return A.every(Number.isFinite) ? symmetricPartMin(A, n) : NaN;
}

/**
 * sigma_max of the matrix an HVP applies (n products); NaN for non-finite answers.
 * @example await largestCurvature(async (u) => u.map((v) => -3 * v), 2) // 3
 */
export async function largestCurvature(hv: (u: Float64Array) => Promise<Float64Array>, n: number): Promise<number> {
  const A = await columns(hv, n);
  return A.every(Number.isFinite) ? largestSingularValue(A, n) : NaN;
}
