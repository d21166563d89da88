/**
 * The asymptotic statistical error of the least-squares estimate near W* under label noise
 * (Zhang et al. 2019, Fig. 2(d), made sharp): E |W_hat - W*|_F^2 ~ nu^2 tr(H*^-1) / N, with H*
 * the population Hessian at W*.
 *
 * Why: L_N(W) = 1/(2N) sum_i (f(W, x_i) - y_i)^2 with y_i = f(W*, x_i) + nu eps_i. At the
 * minimizer the gradient vanishes, so to first order e = W_hat - W* solves H_N e = g with
 * g = (nu/N) sum_i eps_i J_i (J_i = d f(W*, x_i) / dW). The eps_i are independent of x_i with
 * variance 1, so Cov(g) = (nu^2 / N) E[J J^T] = (nu^2 / N) H* (at W* the residuals vanish in
 * the mean, so H* is the Gauss-Newton matrix E[J J^T]), and H_N -> H*. Hence
 * Cov(e) ~ (nu^2 / N) H*^-1 and E|e|^2 ~ nu^2 tr(H*^-1) / N. The same linearization gives
 * e Gaussian, so |e|^2 has relative variance 2 tr(H*^-2) / tr(H*^-1)^2: how far one run's
 * error may sit from the prediction by chance ({@link squaredErrorSpread}).
 *
 * @example
 * ```ts
 * const H = populationHessian(Wstar, Wstar);
 * const t = inverseTraces(H, d * K);
 * asymptoticError({ noiseStd: Math.sqrt(0.1), traceInverseHessian: t.trace, N: 800 });
 * ```
 */
import { denseSymmetricEigen } from '../core/curvature/denseSymmetricEigen.js';
import { assertAtLeast, assertIntegerInRange, fail } from '../core/validate.js';

/** tr(H^-1) and tr(H^-2) of a symmetric positive definite matrix. */
export interface InverseTraces {
  readonly trace: number;
  readonly traceSquared: number;
  /** Smallest eigenvalue (why the trace is what it is: it is dominated by the flat directions). */
  readonly lambdaMin: number;
}

/**
 * tr(H^-1) and tr(H^-2) of the n x n row-major symmetric H from its eigenvalues; a
 * ValidationError naming H when H is not positive definite (tr H^-1 is then meaningless).
 * @example inverseTraces(new Float64Array([2, 0, 0, 4]), 2) // { trace: 0.75, traceSquared: 0.3125, lambdaMin: 2 }
 */
export function inverseTraces(H: Float64Array, n: number): InverseTraces {
  assertIntegerInRange('n', n, 1, Infinity);
  const { values } = denseSymmetricEigen(H, n);
  if (!(values[0] > 0)) fail('H', 'H must be positive definite (its smallest eigenvalue must be > 0)', values[0]);
  let trace = 0;
  let traceSquared = 0;
  for (const v of values) {
    trace += 1 / v;
    traceSquared += 1 / (v * v);
  }
  return { trace, traceSquared, lambdaMin: values[0] };
}

/** What the asymptotic error depends on. */
export interface AsymptoticErrorInput {
  /** Standard deviation nu of the label noise (>= 0). */
  readonly noiseStd: number;
  /** tr(H*^-1) of the population Hessian at W* (> 0). */
  readonly traceInverseHessian: number;
  /** Number of samples (>= 1). */
  readonly N: number;
}

/**
 * nu sqrt(tr(H*^-1) / N): the root-mean-square aligned error |W - W*|_F of the least-squares
 * estimate to first order in 1/N.
 * @example asymptoticError({ noiseStd: 0.1, traceInverseHessian: 100, N: 10000 }) // 0.01
 */
export function asymptoticError(input: AsymptoticErrorInput): number {
  const { noiseStd, traceInverseHessian, N } = input;
  assertAtLeast('noiseStd', noiseStd, 0);
  assertAtLeast('traceInverseHessian', traceInverseHessian, 0, true);
  assertAtLeast('N', N, 1);
  return noiseStd * Math.sqrt(traceInverseHessian / N);
}

/**
 * Relative standard deviation of one run's squared error about its mean, sqrt(2 tr(H^-2)) /
 * tr(H^-1) (e Gaussian with covariance proportional to H^-1): 1/sqrt(2) of it is the relative
 * spread of |e| itself, and it shrinks as 1/sqrt(runs) for a mean over runs.
 * @example squaredErrorSpread({ trace: 4, traceSquared: 4 }) // sqrt(8) / 4
 */
export function squaredErrorSpread(t: Pick<InverseTraces, 'trace' | 'traceSquared'>): number {
  assertAtLeast('trace', t.trace, 0, true);
  return Math.sqrt(2 * t.traceSquared) / t.trace;
}
