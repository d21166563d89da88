/**
 * The "moments source" seam: tensor initialization only ever asks for these contractions, so
 * the same algorithm runs on sample moments ({@link sampleMoments}) or on exact population
 * moments computed from W* ({@link populationMoments}). Substituting the population source
 * turns every estimate into its expectation, which is what makes "recovers W* to 1e-8" an
 * exact, checkable statement about the algorithm rather than about the sample.
 *
 * Conventions: a basis V of the estimated subspace is K x d row-major (row k is the unit
 * vector v_k, like the units of `Weights`); moments use the Hermite tensors of THEORY.md:
 * `M1 = E[y x]`, `M2 = E[y (x x^T - I)]`, `M3 = E[y He3(x)]`, `M4 = E[y He4(x)]`.
 *
 * @example
 * ```ts
 * const src: MomentSource = populationMoments(Wstar);
 * const P2 = src.m2();                     // d x d
 * const P2odd = src.m3Matrix(alpha);        // d x d = M3(I, I, alpha) (tanh: m2 = 0)
 * const R3 = src.r3(V, K, [alpha])[0];     // K x K x K = M4(V, V, V, alpha)
 * const T3 = src.m3Projected(V, K);        // K x K x K = M3(V, V, V)
 * ```
 */

/** Exact or estimated moments of (x, y) in the contractions the algorithm needs. */
export interface MomentSource {
  readonly d: number;
  /** How many samples back the estimate (Infinity for population moments). */
  readonly n: number;
  /** M1 = E[y x], length d. */
  m1(): Float64Array;
  /** V M1 (K), for a basis V (K x d rows). */
  m1Projected(V: Float64Array, K: number): Float64Array;
  /** M2 = E[y (x x^T - I)], d x d row-major (the largest array ever formed). */
  m2(): Float64Array;
  /**
   * M3(I, I, alpha), d x d row-major, for a unit d-vector alpha: the P2 of activations with
   * m2 = 0 and m3 != 0 (sigmoid, tanh, erf; Zhong et al. 2017, Definition 5.4, j2 = 3).
   */
  m3Matrix(alpha: Float64Array): Float64Array;
  /** M4(I, I, alpha, alpha), d x d row-major: the P2 when m2 = m3 = 0 (j2 = 4). */
  m4Matrix(alpha: Float64Array): Float64Array;
  /** V M2 V^T = M2(V, V), K x K row-major, for a basis V (K x d rows). */
  m2Projected(V: Float64Array, K: number): Float64Array;
  /**
   * M3(V, V, V), K x K x K (the P3 of activations with m3 != 0, e.g. squared ReLU), computed
   * from u = V x without forming any d^3 array.
   */
  m3Projected(V: Float64Array, K: number): Float64Array;
  /**
   * R3 = M4(V, V, V, alpha) for each alpha (unit d-vectors), K x K x K each, computed
   * without forming any d^3 or d^4 array.
   */
  r3(V: Float64Array, K: number, alphas: readonly Float64Array[]): Float64Array[];
}

/**
 * V applied to a d-vector: the K coordinates (V z)_k = v_k . z.
 * @example project(V, K, d, M1)
 */
export function project(V: Float64Array, K: number, d: number, z: ArrayLike<number>): Float64Array {
  const out = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += V[k * d + i] * z[i];
    out[k] = s;
  }
  return out;
}

/**
 * V A V^T for a symmetric d x d matrix A (row-major): K x K, O(d^2 K).
 * @example projectMatrix(V, K, d, P2)
 */
export function projectMatrix(V: Float64Array, K: number, d: number, A: Float64Array): Float64Array {
  const AV = new Float64Array(K * d); // row k = A v_k
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A[i * d + j] * V[k * d + j];
      AV[k * d + i] = s;
    }
  }
  const out = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += V[a * d + i] * AV[b * d + i];
      out[a * K + b] = s;
    }
  }
  return out;
}
