/**
 * Gradient descent on the empirical square loss.
 *
 * - {@link gradientDescent}: Algorithm 1 of Zhang et al. 2019, the full sample at every step.
 * - {@link resamplingGradientDescent}: Zhong et al. 2017's variant, a fresh disjoint batch of
 *   the sample at every step (the proof needs independence between steps).
 *
 * Both record the trajectory into preallocated arrays (loss before each step and, when W* is
 * given, the aligned error), so recording costs O(K^3 + dK^2) per step against the O(NdK) step.
 *
 * @example
 * ```ts
 * const run = gradientDescent({ data, W0, eta: 0.5, iterations: 200, Wstar });
 * run.trajectory.loss[0]; run.W;
 * ```
 */
import { alignedError } from './alignedError.js';
import { createDefaultKernel } from './kernels/defaultKernel.js';
import {
  assertDataset,
  assertSameShape,
  cloneWeights,
  sliceDataset,
  type Dataset,
  type Weights,
} from './layout.js';
import { assertAtLeast, assertFiniteArray, assertIntegerInRange, fail } from './validate.js';

/** Computes the loss and writes the gradient; lets callers swap in a faster backend. */
export type LossGradientFn = (data: Dataset, W: Weights, grad: Float64Array) => number;

/** Options shared by both variants. */
export interface GdOptions {
  readonly W0: Weights;
  /** Step size eta > 0. */
  readonly eta: number;
  /** Number of steps T >= 0. */
  readonly iterations: number;
  /** When given, the aligned error |W^t - W* P|_F is recorded at every t. */
  readonly Wstar?: Weights;
  /**
   * Stop early once the loss falls to this value or below. Default 0: stop only at an exact
   * zero loss, where every residual and so the gradient is exactly 0 and further steps are no-ops.
   */
  readonly lossTolerance?: number;
  /**
   * Stop early once |grad L_N(W^t)|_F falls to this value or below (default: never). A run
   * stalled at a stationary point that is not W* stops here instead of spending its budget,
   * and the caller can tell it from one still converging (see GdResult.gradientNorm).
   */
  readonly gradientTolerance?: number;
  /**
   * The loss/gradient backend. Default: {@link createDefaultKernel} (wasm SIMD, bit-identical
   * to the reference kernel `lossAndGradient`, which can be passed here as the oracle).
   */
  readonly kernel?: LossGradientFn;
}

/** A trajectory: entry t describes the iterate W^t (t = 0 .. iterations). */
export interface Trajectory {
  /** L_N(W^t) on the data used at step t (the batch, for resampling). */
  readonly loss: Float64Array;
  /** Aligned error at W^t, when W* was given. */
  readonly error?: Float64Array;
}

/** The final iterate, its trajectory and the number of steps taken. */
export interface GdResult {
  readonly W: Weights;
  readonly trajectory: Trajectory;
  readonly iterations: number;
  /** |grad L_N(W)|_F at the final iterate (on the data of the last step taken, for resampling). */
  readonly gradientNorm: number;
}

function validate(opts: GdOptions, d: number): void {
  assertAtLeast('eta', opts.eta, 0, true);
  assertIntegerInRange('iterations', opts.iterations, 0, 1e8);
  if (opts.W0.d !== d) fail('W0', `W0 must have d = ${d} rows like the data`, opts.W0.d);
  assertFiniteArray('W0', opts.W0.data, opts.W0.d * opts.W0.K);
  if (opts.Wstar) assertSameShape('Wstar', opts.Wstar, 'W0', opts.W0);
  if (opts.lossTolerance !== undefined) assertAtLeast('lossTolerance', opts.lossTolerance, 0);
  if (opts.gradientTolerance !== undefined) assertAtLeast('gradientTolerance', opts.gradientTolerance, 0);
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let q = 0; q < v.length; q++) s += v[q] * v[q];
  return Math.sqrt(s);
}

function run(opts: GdOptions, batchAt: (t: number) => Dataset): GdResult {
  const T = opts.iterations;
  const kernel = opts.kernel ?? createDefaultKernel();
  const W = cloneWeights(opts.W0);
  const w = W.data;
  const grad = new Float64Array(w.length);
  const lossTrace = new Float64Array(T + 1);
  const errTrace = opts.Wstar ? new Float64Array(T + 1) : undefined;
  const tol = opts.lossTolerance ?? 0;
  const gtol = opts.gradientTolerance ?? -1;
  let t = 0;
  for (; ; t++) {
    const batch = batchAt(Math.min(t, T - 1 < 0 ? 0 : T - 1));
    lossTrace[t] = kernel(batch, W, grad);
    if (errTrace) errTrace[t] = alignedError(W, opts.Wstar!).error;
    if (t === T || lossTrace[t] <= tol || (gtol >= 0 && norm(grad) <= gtol)) break;
    for (let q = 0; q < w.length; q++) w[q] -= opts.eta * grad[q];
  }
  return {
    W,
    iterations: t,
    gradientNorm: norm(grad),
    trajectory: {
      loss: lossTrace.subarray(0, t + 1),
      error: errTrace?.subarray(0, t + 1),
    },
  };
}

/** Full-sample gradient descent (Zhang et al. Algorithm 1). */
export function gradientDescent(opts: GdOptions & { readonly data: Dataset }): GdResult {
  assertDataset(opts.data, opts.data?.d);
  validate(opts, opts.data.d);
  return run(opts, () => opts.data);
}

/**
 * Gradient descent with a fresh disjoint batch per step: step t uses rows
 * [t * batchSize, (t + 1) * batchSize), so the data needs iterations * batchSize rows.
 */
export function resamplingGradientDescent(
  opts: GdOptions & { readonly data: Dataset; readonly batchSize: number },
): GdResult {
  assertDataset(opts.data, opts.data?.d);
  validate(opts, opts.data.d);
  assertIntegerInRange('batchSize', opts.batchSize, 1, opts.data.n);
  const need = Math.max(1, opts.iterations) * opts.batchSize;
  if (need > opts.data.n) {
    fail(
      'data.n',
      `data.n must be at least iterations * batchSize = ${need} for disjoint batches`,
      opts.data.n,
    );
  }
  return run(opts, (t) => sliceDataset(opts.data, t * opts.batchSize, opts.batchSize));
}
