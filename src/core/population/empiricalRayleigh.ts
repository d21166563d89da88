/**
 * The Rayleigh quotient of the empirical Gauss-Newton Hessian along u, with its sampling
 * standard error:
 *
 *   u^T H_N u = (1/N) sum_i z_i^2,   z_i = sum_k 1{w_k . x_i >= 0} x_i . u_k,
 *
 * a mean of i.i.d. terms, so SE = sd(z^2) / sqrt(N). With u a population eigenvector this is
 * the first-order sampling error of the corresponding empirical eigenvalue
 * (lambda(H_N) - lambda(H) ~ u^T (H_N - H) u), which is how the specs size the
 * population-vs-empirical eigenvalue tolerance.
 *
 * @example
 * ```ts
 * const { mean, stdError } = empiricalRayleigh(inst.data, inst.Wstar, pop.minVector);
 * ```
 */
import { assertDataset, type Dataset, type Weights } from '../layout.js';
import { assertIntegerInRange } from '../validate.js';
import { assertWeightVector } from './arcCosine.js';

/** Mean of z_i^2 (= u^T H_N u for unit u scaled by |u|^2) and its standard error (N >= 2). */
export function empiricalRayleigh(
  data: Dataset,
  W: Weights,
  u: Float64Array,
): { mean: number; stdError: number } {
  assertDataset(data, W.d);
  assertIntegerInRange('data.n', data.n, 2, Number.MAX_SAFE_INTEGER, 'N must be at least 2');
  const { d, K } = W;
  assertWeightVector('u', u, d * K);
  const { X, n: N } = data;
  const w = W.data;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < N; i++) {
    let z = 0;
    for (let k = 0; k < K; k++) {
      let pre = 0;
      let dir = 0;
      for (let q = 0; q < d; q++) {
        pre += w[k * d + q] * X[i * d + q];
        dir += u[k * d + q] * X[i * d + q];
      }
      if (pre >= 0) z += dir;
    }
    // Welford: stable even when the mean dominates the spread.
    const v = z * z;
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  }
  return { mean, stdError: Math.sqrt(m2 / (N - 1) / N) };
}
