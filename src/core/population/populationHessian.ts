/**
 * The population Hessian as a dense matrix and as Hessian-vector products; both are thin
 * wrappers over {@link populationHessianOperator} (formulas, limits at theta = 0 and pi,
 * and the SIN_THETA_LIMIT threshold are documented there).
 *
 * @example
 * ```ts
 * const H = populationHessian(inst.Wstar, inst.Wstar); // dK x dK, I/2 on the diagonal blocks
 * const Hu = populationHvp(inst.Wstar, W, u);          // O(K^2 d), no dK x dK matrix
 * ```
 */
import type { Weights } from '../layout.js';
import { populationHessianOperator } from './populationHessianOperator.js';

/**
 * Dense dK x dK row-major population Hessian at W; entry (k*d + i, l*d + j) is
 * d^2 L / d(w_k)_i d(w_l)_j. A zero unit of W is a ValidationError.
 */
export function populationHessian(Wstar: Weights, W: Weights): Float64Array {
  return populationHessianOperator(Wstar, W).dense();
}

/**
 * H(W) u for the population Hessian, in O(K^2 d) without forming the matrix. For many
 * products at the same W, build {@link populationHessianOperator} once instead.
 */
export function populationHvp(
  Wstar: Weights,
  W: Weights,
  u: Float64Array,
  out?: Float64Array,
): Float64Array {
  return populationHessianOperator(Wstar, W).matvec(u, out);
}
