/**
 * Memory layouts shared by every kernel.
 *
 * - Weights W (d x K): hidden unit k is contiguous, `data[k * d + i] = (w_k)_i`. Each unit's
 *   dot product with an input then reads one contiguous row, which is what the hot loop wants.
 * - Dataset: inputs X (N x d) row-major, `X[n * d + i] = (x_n)_i`, and outputs y (N).
 *
 * @example
 * ```ts
 * const W = zerosWeights(10, 5);
 * W.data[2 * 10 + 3] = 1; // (w_2)_3
 * ```
 */
import { assertFiniteArray, assertIntegerInRange, fail } from './validate.js';

/** A d x K weight matrix, hidden units contiguous. */
export interface Weights {
  readonly d: number;
  readonly K: number;
  readonly data: Float64Array;
}

/** Inputs and outputs of an empirical problem. */
export interface Dataset {
  readonly n: number;
  readonly d: number;
  /** Row-major N x d. */
  readonly X: Float64Array;
  /** Length N. */
  readonly y: Float64Array;
}

/** Zero weights of shape d x K. @example zerosWeights(3, 2).data.length === 6 */
export function zerosWeights(d: number, K: number): Weights {
  return { d, K, data: new Float64Array(d * K) };
}

/**
 * Wraps validated data as weights (copies unless `copy` is false).
 * @example makeWeights(2, 1, new Float64Array([1, 2]));
 */
export function makeWeights(d: number, K: number, data: Float64Array, copy = true): Weights {
  assertIntegerInRange('d', d, 1, Number.MAX_SAFE_INTEGER);
  assertIntegerInRange('K', K, 1, d, `K must be at most d (d = ${d})`);
  assertFiniteArray('W', data, d * K, `d * K = ${d * K}`);
  return { d, K, data: copy ? Float64Array.from(data) : data };
}

/** A copy of W. @example cloneWeights(W) */
export function cloneWeights(W: Weights): Weights {
  return { d: W.d, K: W.K, data: Float64Array.from(W.data) };
}

/**
 * Validates a dataset's shape and finiteness against an expected input dimension.
 * @example assertDataset(data, 10);
 */
export function assertDataset(data: Dataset, d: number): void {
  if (data === null || typeof data !== 'object') fail('data', 'data must be a Dataset', data);
  assertIntegerInRange('data.n', data.n, 1, Number.MAX_SAFE_INTEGER, 'N must be at least 1');
  if (data.d !== d) fail('data.d', `data.d must equal the weights' d (d = ${d})`, data.d);
  assertFiniteArray('data.X', data.X, data.n * d, `N * d = ${data.n * d}`);
  assertFiniteArray('data.y', data.y, data.n, `N = ${data.n}`);
}

/**
 * Checks that two weight matrices have the same shape.
 * @example assertSameShape('W', W, 'Wstar', Wstar);
 */
export function assertSameShape(nameA: string, a: Weights, nameB: string, b: Weights): void {
  if (a.d !== b.d || a.K !== b.K) {
    fail(nameA, `${nameA} must have the shape of ${nameB} (${b.d} x ${b.K})`, `${a.d} x ${a.K}`);
  }
}

/** Frobenius norm of a flat array. @example frobenius(new Float64Array([3, 4])) === 5 */
export function frobenius(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** Frobenius norm of a - b. @example frobeniusDistance(W.data, Wstar.data) */
export function frobeniusDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] - b[i];
    s += t * t;
  }
  return Math.sqrt(s);
}

/** A dataset holding rows [start, start + count) of another, without copying. */
export function sliceDataset(data: Dataset, start: number, count: number): Dataset {
  return {
    n: count,
    d: data.d,
    X: data.X.subarray(start * data.d, (start + count) * data.d),
    y: data.y.subarray(start, start + count),
  };
}
