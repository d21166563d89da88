/**
 * The top-K eigenpairs by magnitude of a symmetric d x d matrix, by subspace iteration with
 * Rayleigh-Ritz (Zhong et al.'s POWERMETHOD; Zhang et al.'s `C I + P`, `C I - P` pair is
 * another way to reach both ends of the spectrum). Iterating on A itself converges to the
 * eigenvalues largest in |value|, whatever their sign, which is what P2 needs when the output
 * weights have mixed signs. A few extra columns (oversampling) speed convergence from
 * |l_{K+1} / l_K| to |l_{K+p+1} / l_K| per step.
 *
 * Why not a dense eigensolver: mathjs `eigs` of a 100 x 100 matrix takes about 0.25 s and
 * grows like d^3; one iteration here costs d^2 (K + p), and population moments converge in
 * two iterations (their P2 has rank K exactly).
 *
 * @example
 * ```ts
 * const { vectors, values } = topEigenvectors(P2, d, K, stream);
 * // vectors: K x d rows, orthonormal; |values| descending
 * ```
 */
import { symmetricEigen } from '../linalg.js';
import type { RandomStream } from '../random.js';
import { assertIntegerInRange } from '../validate.js';

/** Options of {@link topEigenvectors}. */
export interface TopEigenOptions {
  /** Stop when max_k |A q_k - l_k q_k| <= tolerance * |l_1|. Default 1e-12. */
  readonly tolerance?: number;
  /** Iteration cap. Default 2000. */
  readonly maxIterations?: number;
  /** Extra columns carried along. Default min(5, d - K). */
  readonly oversampling?: number;
}

/** The K Ritz pairs and how the iteration ended. */
export interface TopEigen {
  /** K x d row-major, orthonormal rows. */
  readonly vectors: Float64Array;
  /** Ritz values, ordered by decreasing magnitude. */
  readonly values: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** max_k |A q_k - l_k q_k| / |l_1| at exit. */
  readonly residual: number;
}

/**
 * Top-K eigenpairs of symmetric A (d x d row-major) by |eigenvalue|.
 * @example topEigenvectors(new Float64Array([2, 0, 0, -3]), 2, 1, stream).values // [-3]
 */
export function topEigenvectors(
  A: Float64Array,
  d: number,
  K: number,
  stream: RandomStream,
  options: TopEigenOptions = {},
): TopEigen {
  assertIntegerInRange('K', K, 1, d, `K must be at most d (d = ${d})`);
  const tol = options.tolerance ?? 1e-12;
  const maxIt = options.maxIterations ?? 2000;
  const m = Math.min(d, K + (options.oversampling ?? Math.min(5, d - K)));
  let Q = orthonormalRows(stream.fillNormal(new Float64Array(m * d)), m, d, stream);
  const Z = new Float64Array(m * d);
  let residual = Infinity;
  for (let it = 1; ; it++) {
    multiplyRows(A, d, Q, m, Z);
    // Rayleigh-Ritz: H = Q A Q^T, then rotate Q and Z = A Q by H's eigenvectors.
    const H = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += Q[i * d + t] * Z[j * d + t];
        H[i * m + j] = s;
      }
    }
    const eig = symmetricEigen(H, m);
    const order = Array.from({ length: m }, (_, k) => k).sort(
      (a, b) => Math.abs(eig.values[b]) - Math.abs(eig.values[a]) || a - b,
    );
    const Qr = new Float64Array(m * d);
    const Zr = new Float64Array(m * d);
    const values = new Float64Array(m);
    order.forEach((src, k) => {
      values[k] = eig.values[src];
      for (let j = 0; j < m; j++) {
        const y = eig.vectors[src * m + j];
        if (y === 0) continue;
        for (let t = 0; t < d; t++) {
          Qr[k * d + t] += y * Q[j * d + t];
          Zr[k * d + t] += y * Z[j * d + t];
        }
      }
    });
    const scale = Math.abs(values[0]) || 1;
    residual = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const r = Zr[k * d + t] - values[k] * Qr[k * d + t];
        s += r * r;
      }
      residual = Math.max(residual, Math.sqrt(s) / scale);
    }
    // With m = d the Ritz pairs are exact after one step; otherwise iterate on A Q.
    if (residual <= tol || m === d || it >= maxIt) {
      return {
        vectors: Qr.slice(0, K * d),
        values: values.slice(0, K),
        iterations: it,
        converged: residual <= tol || m === d,
        residual,
      };
    }
    Q = orthonormalRows(Zr, m, d, stream);
  }
}

/** Z = rows (A q_i) for the rows q_i of Q (A symmetric). */
function multiplyRows(A: Float64Array, d: number, Q: Float64Array, m: number, Z: Float64Array): void {
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < d; a++) {
      let s = 0;
      const row = a * d;
      for (let t = 0; t < d; t++) s += A[row + t] * Q[i * d + t];
      Z[i * d + a] = s;
    }
  }
}

/**
 * Orthonormalizes the m rows of M (d each) by Gram-Schmidt applied twice ("twice is
 * enough", Giraud et al. 2005). A row that collapses (A has rank below m, e.g. population
 * P2 of rank K) is replaced by a fresh random direction, so the basis stays complete.
 */
function orthonormalRows(M: Float64Array, m: number, d: number, stream: RandomStream): Float64Array {
  const Q = Float64Array.from(M);
  let maxNorm = 0;
  for (let i = 0; i < m; i++) maxNorm = Math.max(maxNorm, rowNorm(Q, i, d));
  for (let i = 0; i < m; i++) {
    const before = rowNorm(Q, i, d);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += Q[i * d + t] * Q[j * d + t];
        for (let t = 0; t < d; t++) Q[i * d + t] -= s * Q[j * d + t];
      }
    }
    const nrm = rowNorm(Q, i, d);
    if (!(nrm > 1e-10 * Math.max(before, maxNorm))) {
      for (let t = 0; t < d; t++) Q[i * d + t] = stream.normal();
      i--; // orthogonalize the fresh row again
      maxNorm = 0;
      continue;
    }
    for (let t = 0; t < d; t++) Q[i * d + t] /= nrm;
  }
  return Q;
}

function rowNorm(Q: Float64Array, i: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += Q[i * d + t] * Q[i * d + t];
  return Math.sqrt(s);
}
