/**
 * Small dense symmetric third-order tensors (K x K x K, K at most a few tens), stored in
 * full, `T[(p * K + q) * K + r]`. These are the only tensors the tensor initialization ever
 * forms: everything d-dimensional is reduced to K dimensions first.
 *
 * @example
 * ```ts
 * const T = new Float64Array(K * K * K);
 * addRankOne(T, K, 2, u);          // T += 2 u (x) u (x) u
 * contractVector(T, K, u, u);      // T(I, u, u), a K-vector
 * ```
 */

/**
 * T += lambda * u (x) u (x) u.
 * @example addRankOne(T, 3, -1, new Float64Array([1, 0, 0]));
 */
export function addRankOne(T: Float64Array, K: number, lambda: number, u: ArrayLike<number>): void {
  for (let p = 0; p < K; p++) {
    const lp = lambda * u[p];
    for (let q = 0; q < K; q++) {
      const lpq = lp * u[q];
      const base = (p * K + q) * K;
      for (let r = 0; r < K; r++) T[base + r] += lpq * u[r];
    }
  }
}

/**
 * T(I, a, b): the K-vector `sum_{q,r} T[p, q, r] a_q b_r`.
 * @example contractVector(T, K, u, u)
 */
export function contractVector(
  T: Float64Array,
  K: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(K);
  for (let p = 0; p < K; p++) {
    let s = 0;
    for (let q = 0; q < K; q++) {
      const base = (p * K + q) * K;
      let t = 0;
      for (let r = 0; r < K; r++) t += T[base + r] * b[r];
      s += a[q] * t;
    }
    out[p] = s;
  }
  return out;
}

/**
 * T(I, I, c): the symmetric K x K matrix `sum_r T[p, q, r] c_r` (row-major).
 * @example contractMatrix(T, K, theta)
 */
export function contractMatrix(T: Float64Array, K: number, c: ArrayLike<number>): Float64Array {
  const out = new Float64Array(K * K);
  for (let p = 0; p < K; p++) {
    for (let q = 0; q < K; q++) {
      const base = (p * K + q) * K;
      let s = 0;
      for (let r = 0; r < K; r++) s += T[base + r] * c[r];
      out[p * K + q] = s;
    }
  }
  return out;
}

/**
 * T(u, u, u).
 * @example contractScalar(T, K, u)
 */
export function contractScalar(T: Float64Array, K: number, u: ArrayLike<number>): number {
  const v = contractVector(T, K, u, u);
  let s = 0;
  for (let p = 0; p < K; p++) s += v[p] * u[p];
  return s;
}

/**
 * The multilinear transform T(M, M, M) for a K x m matrix M (row-major): an m x m x m tensor
 * with entries `sum_{pqr} T[p,q,r] M[p,a] M[q,b] M[r,c]`, done one mode at a time (O(K^3 m)).
 * @example multilinear(T, K, Wh, K) // whitening
 */
export function multilinear(T: Float64Array, K: number, M: Float64Array, m: number): Float64Array {
  // Mode 3, then 2, then 1; each step keeps the other indices in place.
  const A = new Float64Array(K * K * m);
  for (let pq = 0; pq < K * K; pq++) {
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let r = 0; r < K; r++) s += T[pq * K + r] * M[r * m + c];
      A[pq * m + c] = s;
    }
  }
  const B = new Float64Array(K * m * m);
  for (let p = 0; p < K; p++) {
    for (let b = 0; b < m; b++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let q = 0; q < K; q++) s += A[(p * K + q) * m + c] * M[q * m + b];
        B[(p * m + b) * m + c] = s;
      }
    }
  }
  const out = new Float64Array(m * m * m);
  for (let a = 0; a < m; a++) {
    for (let bc = 0; bc < m * m; bc++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += B[p * m * m + bc] * M[p * m + a];
      out[a * m * m + bc] = s;
    }
  }
  return out;
}

/**
 * The residual |T - sum_i lambda_i u_i^(x)3|_F of a decomposition (vectors as rows of U).
 * @example decompositionResidual(T, K, lambdas, U)
 */
export function decompositionResidual(
  T: Float64Array,
  K: number,
  lambdas: ArrayLike<number>,
  U: Float64Array,
): number {
  const R = Float64Array.from(T);
  for (let i = 0; i < lambdas.length; i++) addRankOne(R, K, -lambdas[i], U.subarray(i * K, (i + 1) * K));
  let s = 0;
  for (let t = 0; t < R.length; t++) s += R[t] * R[t];
  return Math.sqrt(s);
}

/** Euclidean norm. @example norm2(new Float64Array([3, 4])) === 5 */
export function norm2(u: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * u[i];
  return Math.sqrt(s);
}
