/**
 * The teacher's derived quantities used throughout the theory: singular values
 * s_1 >= ... >= s_K, kappa = s_1 / s_K, lambda = (prod_k s_k) / s_K^K and |W*|_F.
 *
 * @example
 * ```ts
 * const q = teacherQuantities(Wstar);
 * q.kappa; q.lambda; q.sK;
 * ```
 */
import type { Weights } from './layout.js';
import { gram, symmetricEigen } from './linalg.js';
import { fail } from './validate.js';

/** What the theorems are stated in terms of. */
export interface TeacherQuantities {
  readonly d: number;
  readonly K: number;
  /** Singular values, descending. */
  readonly singularValues: Float64Array;
  readonly s1: number;
  readonly sK: number;
  readonly kappa: number;
  readonly lambda: number;
  /** |W*|_F. */
  readonly frobenius: number;
}

/**
 * Computes the teacher quantities from W* (singular values as square roots of the
 * eigenvalues of the K x K Gram matrix). Rank-deficient W* is rejected: the theory needs s_K > 0.
 * @example teacherQuantities(inst.Wstar).kappa
 */
export function teacherQuantities(Wstar: Weights): TeacherQuantities {
  const { d, K } = Wstar;
  const eig = symmetricEigen(gram(Wstar.data, d, K), K);
  const sv = new Float64Array(K);
  for (let k = 0; k < K; k++) sv[k] = Math.sqrt(Math.max(0, eig.values[K - 1 - k]));
  const s1 = sv[0];
  const sK = sv[K - 1];
  if (!(sK > 1e-12 * s1)) fail('Wstar', 'Wstar must have full column rank (s_K > 0)', sK);
  // lambda = prod_k (s_k / s_K), computed as a product of ratios to avoid overflow.
  let lambda = 1;
  for (let k = 0; k < K; k++) lambda *= sv[k] / sK;
  let fro = 0;
  for (let t = 0; t < Wstar.data.length; t++) fro += Wstar.data[t] * Wstar.data[t];
  return { d, K, singularValues: sv, s1, sK, kappa: s1 / sK, lambda, frobenius: Math.sqrt(fro) };
}
