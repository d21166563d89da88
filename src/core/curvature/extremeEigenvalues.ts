/**
 * The smallest and largest eigenvalue of a symmetric matrix or operator (a Hessian), with
 * their unit eigenvectors: the curvature bounds of Lemmas 5.1 / 5.2 (Zhang et al.) measured.
 *
 * - n <= denseMax (default 150): the dense Householder + QL solver (denseSymmetricEigen.ts;
 *   an operator is first materialized with n products). Exact to rounding, and at these
 *   sizes faster than Lanczos' bookkeeping.
 * - larger n: Lanczos with full reorthogonalization on matrix-vector products (lanczos.ts),
 *   seeded start vector, residual-based stopping, iterations reported.
 *
 * @example
 * ```ts
 * const H = populationHessianOperator(Wstar, W);
 * const e = extremeEigenvalues(H, { stream: createStreams(1).stream('lanczos') });
 * e.min; e.max; e.method;
 * ```
 */
import type { SymmetricOperator } from './SymmetricOperator.js';
import { createStream, type RandomStream } from '../random.js';
import { assertAtLeast, assertIntegerInRange, fail } from '../validate.js';
import { denseSymmetricEigen } from './denseSymmetricEigen.js';
import { lanczosExtremes, type ExtremeEigen } from './lanczos.js';

export type { ExtremeEigen } from './lanczos.js';

/** How to compute the extremes. */
export interface ExtremeEigenOptions {
  /** 'auto' (default) picks dense for n <= denseMax, Lanczos above. */
  readonly method?: 'auto' | 'dense' | 'lanczos';
  /** Largest n solved densely under 'auto'. Default 150. */
  readonly denseMax?: number;
  /** Start vector source for Lanczos. Default: stream 'lanczos-start' of seed 0. */
  readonly stream?: RandomStream;
  /** Lanczos relative residual tolerance. Default 1e-9. */
  readonly tolerance?: number;
  /** Lanczos step cap. Default 500. */
  readonly maxIterations?: number;
}

/** Wraps a dense symmetric row-major matrix as an operator. */
export function denseOperator(A: Float64Array, n: number): SymmetricOperator {
  if (A.length !== n * n) fail('A', `A must have length n * n = ${n * n}`, A.length);
  return {
    n,
    matvec(u, out) {
      const y = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) s += A[row + j] * u[j];
        y[i] = s;
      }
      return y;
    },
  };
}

/** Materializes an operator as a dense matrix (n products with unit vectors). */
export function materialize(op: SymmetricOperator): Float64Array {
  const n = op.n;
  const A = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    op.matvec(e, col);
    e[j] = 0;
    for (let i = 0; i < n; i++) A[i * n + j] = col[i];
  }
  return A;
}

function residual(op: SymmetricOperator, x: Float64Array, theta: number): number {
  const y = op.matvec(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (y[i] - theta * x[i]) ** 2;
  return Math.sqrt(s);
}

/**
 * Extreme eigenpairs of a symmetric operator `{ n, matvec }` or a dense symmetric
 * row-major Float64Array (n = sqrt(length)).
 */
export function extremeEigenvalues(
  input: SymmetricOperator | Float64Array,
  options: ExtremeEigenOptions = {},
): ExtremeEigen {
  let op: SymmetricOperator;
  let dense: Float64Array | null = null;
  if (input instanceof Float64Array) {
    const n = Math.round(Math.sqrt(input.length));
    if (n * n !== input.length || n === 0) {
      fail('input', 'a dense matrix must have length n * n with n >= 1', input.length);
    }
    dense = input;
    op = denseOperator(input, n);
  } else {
    if (input === null || typeof input !== 'object' || typeof input.matvec !== 'function') {
      fail('input', 'input must be { n, matvec } or a dense Float64Array', input);
    }
    assertIntegerInRange('input.n', input.n, 1, Number.MAX_SAFE_INTEGER);
    op = input;
  }
  const n = op.n;
  const method = options.method ?? 'auto';
  if (!['auto', 'dense', 'lanczos'].includes(method)) {
    fail('method', "method must be 'auto', 'dense' or 'lanczos'", method);
  }
  const denseMax = options.denseMax ?? 150;
  assertAtLeast('denseMax', denseMax, 0);
  if (options.tolerance !== undefined) assertAtLeast('tolerance', options.tolerance, 0, true);
  if (options.maxIterations !== undefined) {
    assertIntegerInRange('maxIterations', options.maxIterations, 1, Number.MAX_SAFE_INTEGER);
  }
  const useDense = method === 'dense' || (method === 'auto' && n <= denseMax);
  if (!useDense) {
    return lanczosExtremes(op, {
      stream: options.stream ?? createStream(0, 'lanczos-start'),
      tolerance: options.tolerance,
      maxIterations: options.maxIterations,
    });
  }
  const A = dense ?? materialize(op);
  const { values, vectors } = denseSymmetricEigen(A, n);
  const column = (j: number) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = vectors[i * n + j];
    return v;
  };
  const minVector = column(0);
  const maxVector = column(n - 1);
  return {
    min: values[0],
    max: values[n - 1],
    minVector,
    maxVector,
    method: 'dense',
    iterations: 0,
    residualMin: residual(op, minVector, values[0]),
    residualMax: residual(op, maxVector, values[n - 1]),
    converged: true,
  };
}
