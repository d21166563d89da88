/**
 * Small dense linear algebra on row-major Float64Arrays, delegating factorizations to mathjs
 * (its QR and symmetric eigensolver are well tested; our matrices here are at most a few
 * hundred on a side and off the hot path).
 *
 * @example
 * ```ts
 * const Q = haarOrthonormal(5, 3, stream); // 5 x 3, orthonormal columns, Haar distributed
 * ```
 */
import { eigs, qr } from 'mathjs';
import type { RandomStream } from './random.js';

/**
 * An n x m (m <= n) matrix with orthonormal columns, distributed uniformly (Haar): the Q
 * factor of a Gaussian matrix with each column's sign fixed by R's diagonal (Mezzadri 2007;
 * without that fix the distribution is not uniform). Row-major.
 */
export function haarOrthonormal(n: number, m: number, stream: RandomStream): Float64Array {
  const G: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) row.push(stream.normal());
    G.push(row);
  }
  const { Q, R } = qr(G) as unknown as { Q: number[][]; R: number[][] };
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const sign = R[j][j] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) out[i * m + j] = sign * Q[i][j];
  }
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
  const M: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(0.5 * (A[i * n + j] + A[j * n + i]));
    M.push(row);
  }
  const res = eigs(M) as unknown as {
    values: number[];
    eigenvectors: { value: number; vector: number[] }[];
  };
  const pairs = res.eigenvectors
    .map((e) => ({ value: e.value, vector: e.vector }))
    .sort((a, b) => a.value - b.value);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  pairs.forEach((p, k) => {
    values[k] = p.value;
    let norm = 0;
    for (const v of p.vector) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < n; j++) vectors[k * n + j] = p.vector[j] / norm;
  });
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
