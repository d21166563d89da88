/**
 * Small dense linear algebra on row-major Float64Arrays: a Householder QR for Haar-random
 * orthonormal frames and the symmetric eigensolver of {@link denseSymmetricEigen} (tred2 +
 * implicit QL). Written here rather than taken from mathjs, whose import alone cost about
 * 3 s of every `import('relucheck')` and `relucheck check`; mathjs stays a dev dependency,
 * the independent reference the specs compare these routines with.
 *
 * @example
 * ```ts
 * const Q = haarOrthonormal(5, 3, stream); // 5 x 3, orthonormal columns, Haar distributed
 * ```
 */
import { denseSymmetricEigen } from './curvature/denseSymmetricEigen.js';
import type { RandomStream } from './random.js';

/**
 * An n x m (m <= n) matrix with orthonormal columns, distributed uniformly (Haar): the Q
 * factor of a Gaussian matrix with each column's sign fixed by R's diagonal (Mezzadri 2007;
 * without that fix the distribution is not uniform). Row-major.
 */
export function haarOrthonormal(n: number, m: number, stream: RandomStream): Float64Array {
  // Same draw order as always (row by row), so a seed gives the same Gaussian matrix G.
  const A = new Float64Array(n * m);
  for (let t = 0; t < n * m; t++) A[t] = stream.normal();
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) out[j * m + j] = 1;
  // Householder: H_k = I - 2 v_k v_k^T (v_k unit, zero above row k) maps column k of the
  // partly reduced A onto alpha_k e_k, alpha_k = -sign(a_kk) |a_k:,k| (no cancellation);
  // alpha_k is R's diagonal. Q = H_0 ... H_{m-1} restricted to its first m columns.
  const vs: Float64Array[] = [];
  const signs = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += A[i * m + k] * A[i * m + k];
    norm = Math.sqrt(norm);
    const v = new Float64Array(n);
    if (norm === 0) {
      // A zero column (probability zero for Gaussian G): no reflection, R_kk = 0, sign +1.
      vs.push(v);
      signs[k] = 1;
      continue;
    }
    const alpha = A[k * m + k] > 0 ? -norm : norm;
    signs[k] = alpha < 0 ? -1 : 1;
    let vnorm = 0;
    for (let i = k; i < n; i++) {
      v[i] = A[i * m + k] - (i === k ? alpha : 0);
      vnorm += v[i] * v[i];
    }
    vnorm = Math.sqrt(vnorm);
    for (let i = k; i < n; i++) v[i] /= vnorm;
    for (let j = k; j < m; j++) {
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * A[i * m + j];
      for (let i = k; i < n; i++) A[i * m + j] -= 2 * s * v[i];
    }
    vs.push(v);
  }
  for (let k = m - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * out[i * m + j];
      for (let i = k; i < n; i++) out[i * m + j] -= 2 * s * v[i];
    }
  }
  // Fix each column's sign so that R's diagonal is positive: Q is then unique for full-rank G
  // and Haar distributed (Mezzadri 2007).
  for (let j = 0; j < m; j++) if (signs[j] < 0) for (let i = 0; i < n; i++) out[i * m + j] = -out[i * m + j];
  return out;
}

/** Eigen-decomposition of a symmetric matrix: ascending values, vectors as rows. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** Row-major n x n; row k is the unit eigenvector of values[k]. */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric n x n row-major matrix (symmetrized first, so tiny
 * asymmetries from rounding do not matter).
 * @example symmetricEigen(new Float64Array([2, 0, 0, 1]), 2).values // [1, 2]
 */
export function symmetricEigen(A: Float64Array, n: number): SymmetricEigen {
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M[i * n + j] = 0.5 * (A[i * n + j] + A[j * n + i]);
  const { values, vectors: V } = denseSymmetricEigen(M, n); // ascending; eigenvector k = column k
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) vectors[k * n + j] = V[j * n + k];
  return { values, vectors };
}

/**
 * The Gram matrix W^T W (K x K, row-major) of weights stored unit-contiguous.
 * @example gram(W.data, d, K)
 */
export function gram(w: Float64Array, d: number, K: number): Float64Array {
  const G = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += w[a * d + i] * w[b * d + i];
      G[a * K + b] = s;
      G[b * K + a] = s;
    }
  }
  return G;
}
