/**
 * Least-squares solve of a small symmetric positive semi-definite system G x = r (normal
 * equations of RecMagSign and of tensor weights) by the eigen-decomposition pseudo-inverse:
 * eigenvalues below `rcond * max eigenvalue` are dropped instead of amplifying noise, so a
 * degenerate set of directions (two estimates of the same unit) yields the minimum-norm
 * solution rather than an exception from an LU factorization.
 *
 * @example
 * ```ts
 * pseudoSolve(new Float64Array([2, 0, 0, 0]), 2, new Float64Array([4, 1])); // [2, 0]
 * ```
 */
import { symmetricEigen } from '../linalg.js';

/**
 * The minimum-norm least-squares solution of G x = r for symmetric G (n x n row-major).
 * @example pseudoSolve(G, K, rhs, 1e-12)
 */
export function pseudoSolve(G: Float64Array, n: number, r: ArrayLike<number>, rcond = 1e-12): Float64Array {
  const { values, vectors } = symmetricEigen(G, n);
  let max = 0;
  for (const l of values) max = Math.max(max, Math.abs(l));
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (!(Math.abs(values[k]) > rcond * max)) continue;
    let c = 0;
    for (let i = 0; i < n; i++) c += vectors[k * n + i] * r[i];
    c /= values[k];
    for (let i = 0; i < n; i++) x[i] += c * vectors[k * n + i];
  }
  return x;
}
