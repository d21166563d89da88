/**
 * Sines of the principal angles between the row space of an orthonormal basis V (K x d) and
 * the span of the rows of a matrix B (m x d, any full-rank rows, e.g. W*'s units): the
 * subspace error of tensor initialization's step 1.
 *
 * Computed from the residual R = V - (V Q^T) Q, Q an orthonormal basis of B's rows (modified
 * Gram-Schmidt, run twice so Q is orthonormal to rounding): R R^T = I - (V Q^T)(V Q^T)^T has
 * eigenvalues sin^2 theta_k. Taking sines from R directly (not 1 - cos^2 from the singular
 * values of V Q^T) keeps tiny angles accurate: an angle of 1e-12 comes out as ~1e-12, not as
 * the ~1e-8 that sqrt(1 - cos^2) would leave after rounding.
 *
 * @example
 * ```ts
 * principalAngleSines(V, K, Wstar.data, Wstar.K, d).max; // ~1e-15 on population moments
 * ```
 */
import { symmetricEigen } from '../linalg.js';
import { fail } from '../validate.js';

/** All sines (ascending) and the largest (the subspace distance |sin Theta|_2). */
export interface PrincipalAngleSines {
  readonly sines: Float64Array;
  readonly max: number;
}

/**
 * Principal-angle sines between rowspace(V) (orthonormal rows) and rowspace(B).
 * @example principalAngleSines(V, 3, W.data, 3, 10).max
 */
export function principalAngleSines(V: Float64Array, K: number, B: Float64Array, m: number, d: number): PrincipalAngleSines {
  if (V.length !== K * d) fail('V', `V must be K x d = ${K} x ${d}`, V.length);
  if (B.length !== m * d) fail('B', `B must be m x d = ${m} x ${d}`, B.length);
  const Q = orthonormalize(B, m, d);
  const R = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    const v = V.subarray(k * d, (k + 1) * d);
    const r = R.subarray(k * d, (k + 1) * d);
    r.set(v);
    for (let j = 0; j < m; j++) {
      let c = 0;
      for (let t = 0; t < d; t++) c += Q[j * d + t] * v[t];
      for (let t = 0; t < d; t++) r[t] -= c * Q[j * d + t];
    }
  }
  const RRt = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += R[a * d + t] * R[b * d + t];
      RRt[a * K + b] = s;
    }
  }
  const sines = symmetricEigen(RRt, K).values.map((x) => Math.sqrt(Math.max(0, x)));
  return { sines, max: sines[K - 1] };
}

function orthonormalize(B: Float64Array, m: number, d: number): Float64Array {
  const Q = Float64Array.from(B);
  for (let j = 0; j < m; j++) {
    const q = Q.subarray(j * d, (j + 1) * d);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let c = 0;
        for (let t = 0; t < d; t++) c += Q[i * d + t] * q[t];
        for (let t = 0; t < d; t++) q[t] -= c * Q[i * d + t];
      }
    }
    let n = 0;
    for (let t = 0; t < d; t++) n += q[t] * q[t];
    n = Math.sqrt(n);
    if (!(n > 0)) fail('B', 'the rows of B must be linearly independent', j);
    for (let t = 0; t < d; t++) q[t] /= n;
  }
  return Q;
}
