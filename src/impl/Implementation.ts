/**
 * The seam that makes relucheck a guard for other implementations.
 *
 * Properties are written against this interface only: the reference solver is one
 * Implementation, a user's JavaScript module is another, and a Python process speaking the
 * protocol is a third. Every method is optional and async (process adapters answer over a
 * pipe); an implementation lists what it offers in `capabilities`, and a property that needs
 * a missing capability reports "not applicable" instead of failing.
 *
 * Layouts follow `core/layout.ts`: W is d x K with unit k contiguous (`W[k * d + i]`), X is
 * N x d row-major. Datasets are passed as objects; adapters that cross a process boundary
 * send each dataset once and refer to it by id afterwards (they key on object identity).
 *
 * @example
 * ```ts
 * const impl: Implementation = referenceImplementation();
 * if (hasCapability(impl, 'gradient')) {
 *   const g = await impl.gradient!(data, W);
 * }
 * ```
 */
import type { Dataset, Weights } from '../core/layout.js';

/** What an implementation can compute. */
export type Capability =
  /** Empirical loss L_N(W) (eq. 1.2). */
  | 'loss'
  /** Empirical gradient (eq. 3.2, indicator >= 0). */
  | 'gradient'
  /** Empirical Gauss-Newton Hessian-vector product (away from kinks). */
  | 'hvp'
  /** Closed-form population loss and gradient. */
  | 'population'
  /** Closed-form population Hessian-vector product. */
  | 'populationHvp'
  /** Full-sample gradient descent (Zhang et al. Algorithm 1). */
  | 'gd'
  /** Tensor initialization (Zhong et al. Algorithm 1). */
  | 'init';

/** Every capability, in a stable order (for reports and the protocol handshake). */
export const CAPABILITIES: readonly Capability[] = [
  'loss',
  'gradient',
  'hvp',
  'population',
  'populationHvp',
  'gd',
  'init',
];

/** Settings of a gradient-descent run requested from an implementation. */
export interface GdRequest {
  readonly W0: Weights;
  readonly eta: number;
  readonly iterations: number;
}

/** What an implementation returns from a gradient-descent run. */
export interface GdResponse {
  /** The final iterate W^T. */
  readonly W: Weights;
  /** L_N(W^t) for t = 0..T (length iterations + 1). */
  readonly loss: Float64Array;
}

/** Settings of a tensor initialization. */
export interface InitRequest {
  readonly K: number;
  /** Seed for the method's own randomness (random projections, restarts). */
  readonly seed: number;
}

/**
 * The subgradient convention at a kink (w_k . x_i = 0 exactly): relu'(0) = 1, the mask
 * `z >= 0` of Zhang et al.'s eq. (3.2) and relucheck's default, or relu'(0) = 0, the mask
 * `z > 0` of PyTorch, TensorFlow and JAX. Both are valid subgradients; an implementation
 * declares its own so that exact-kink checks hold it to the convention it chose.
 */
export type ReluAtZero = 0 | 1;

/** The convention assumed when an implementation declares none (relucheck's `z >= 0`). */
export const DEFAULT_RELU_AT_ZERO: ReluAtZero = 1;

/**
 * The floating-point format an implementation computes in. Answers always travel as float64;
 * `float32` says they carry float32 rounding, so exact claims use u = 2^-24 in their bounds.
 */
export type Precision = 'float64' | 'float32';

/** Every precision, default first. */
export const PRECISIONS: readonly Precision[] = ['float64', 'float32'];

/** A solver under test. Methods exist exactly for the declared capabilities. */
export interface Implementation {
  /** A short name for reports, e.g. "reference" or "python3 my_solver.py". */
  readonly name: string;
  readonly capabilities: readonly Capability[];
  /** Declared kink convention (default {@link DEFAULT_RELU_AT_ZERO}); protocol 1.2 `reluAtZero`. */
  readonly reluAtZero?: ReluAtZero;
  /** Declared arithmetic (default `float64`); a run option may override it. Protocol 1.2 `precision`. */
  readonly precision?: Precision;
  loss?(data: Dataset, W: Weights): Promise<number>;
  /** The gradient, same layout as W. */
  gradient?(data: Dataset, W: Weights): Promise<Float64Array>;
  /** H(W) u for the empirical Gauss-Newton Hessian; u has W's layout. */
  hvp?(data: Dataset, W: Weights, u: Float64Array): Promise<Float64Array>;
  /** Population loss at W for teacher W* and noise std nu (adds nu^2 / 2). */
  populationLoss?(Wstar: Weights, W: Weights, nu: number): Promise<number>;
  populationGradient?(Wstar: Weights, W: Weights): Promise<Float64Array>;
  populationHvp?(Wstar: Weights, W: Weights, u: Float64Array): Promise<Float64Array>;
  gradientDescent?(data: Dataset, request: GdRequest): Promise<GdResponse>;
  tensorInit?(data: Dataset, request: InitRequest): Promise<Weights>;
  /** Releases resources (a child process, workers). Safe to call twice. */
  close?(): Promise<void>;
}

/**
 * Whether `impl` declares `capability` and has the matching method(s).
 * @example hasCapability(impl, 'hvp')
 */
export function hasCapability(impl: Implementation, capability: Capability): boolean {
  if (!impl.capabilities.includes(capability)) return false;
  switch (capability) {
    case 'loss':
      return typeof impl.loss === 'function';
    case 'gradient':
      return typeof impl.gradient === 'function';
    case 'hvp':
      return typeof impl.hvp === 'function';
    case 'population':
      return (
        typeof impl.populationLoss === 'function' && typeof impl.populationGradient === 'function'
      );
    case 'populationHvp':
      return typeof impl.populationHvp === 'function';
    case 'gd':
      return typeof impl.gradientDescent === 'function';
    case 'init':
      return typeof impl.tensorInit === 'function';
  }
}

/**
 * The kink convention `impl` declares, or the default.
 * @example reluAtZeroOf({ name: 'torch', capabilities: [], reluAtZero: 0 }) === 0
 */
export function reluAtZeroOf(impl: Implementation): ReluAtZero {
  return impl.reluAtZero ?? DEFAULT_RELU_AT_ZERO;
}
